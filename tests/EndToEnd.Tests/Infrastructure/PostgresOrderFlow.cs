namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The test classes that share one order system on PostgreSQL. They run one after another: some stop and start a
/// service, and one system (four services with a few pooled connections each) keeps the server's connection slots
/// for the other test projects that run at the same time.
/// </summary>
[CollectionDefinition(nameof(PostgresOrderFlow))]
public sealed class PostgresOrderFlow : ICollectionFixture<PostgresOrderSystem>;
