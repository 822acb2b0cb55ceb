using WeeEvents.AspNetCore.Problems;
using CsCheck;
using WeeEvents.EndToEnd.Tests.Fuzzing;
using WeeEvents.EndToEnd.Tests.Infrastructure;

namespace WeeEvents.EndToEnd.Tests;

/// <summary>
/// Whatever a client sends (keys, query strings, headers and bodies generated for every route of each service's
/// descriptions), no answer is a 5xx and nothing is logged at Error: a client's mistake is a 4xx with problem details.
/// Runs each service in this process on PostgreSQL and on SQLite.
/// </summary>
public sealed class NoServerErrorProperties
{
    /// <summary>Requests per service and database: 8 hosts × 400 = 3,200 cases in the test command.</summary>
    private const int Cases = 400;

    public static TheoryData<string, FlowService> Hosts => new()
    {
        { "Postgres", FlowService.Order },
        { "Postgres", FlowService.Inventory },
        { "Postgres", FlowService.Payment },
        { "Postgres", FlowService.Shipping },
        { "Sqlite", FlowService.Order },
        { "Sqlite", FlowService.Inventory },
        { "Sqlite", FlowService.Payment },
        { "Sqlite", FlowService.Shipping },
    };

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task No_generated_request_gets_a_server_error(string provider, FlowService service)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("weeevents-fuzz-");
        try
        {
            await using var host = await InProcessService.StartAsync(service, provider, directory.FullName, cancellationToken);
            var (answered, reachedStore) = (0, 0);

            await RequestGen.For(ServiceRoutes.Of(service)).SampleAsync(
                async request =>
                {
                    using var message = request.ToMessage(host.Address);
                    using var response = await host.Http.SendAsync(message, cancellationToken);
                    var status = (int)response.StatusCode;
                    if (status >= 500)
                    {
                        var body = await response.Content.ReadAsStringAsync(cancellationToken);
                        throw new InvalidOperationException($"{status} for\n{request}\n{body}\n{string.Join("\n", host.Errors)}");
                    }

                    Interlocked.Increment(ref answered);
                    // A success, or a valid key the store was asked for and did not have: the request got past every check.
                    if (response.IsSuccessStatusCode
                        || (status == 404 && (await response.Content.ReadAsStringAsync(cancellationToken)).Contains(ProblemTypes.EntityNotFound, StringComparison.Ordinal)))
                    {
                        Interlocked.Increment(ref reachedStore);
                    }
                },
                iter: Cases,
                print: request => request.ToString());

            Assert.True(answered >= Cases, $"only {answered} of {Cases} requests were answered");
            // Some requests must get through to the store (a command run, an entity or a page read, or a valid key it does
            // not hold), or the generators would only be testing the refusals. Shipping has no public command that creates
            // a shipment, so for it a read of a valid key is what gets through most often.
            Assert.True(reachedStore > 0, "no generated request reached the store");
            Assert.True(host.Errors.IsEmpty, "logged at Error:\n" + string.Join("\n", host.Errors));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
