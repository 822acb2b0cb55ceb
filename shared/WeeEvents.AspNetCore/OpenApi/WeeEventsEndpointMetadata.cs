namespace WeeEvents.AspNetCore.OpenApi;

/// <summary>What a WeeEvents endpoint is, for the OpenAPI transformers.</summary>
/// <param name="EntityType">The entity type it serves.</param>
/// <param name="Command">The command it runs, or null for the read endpoints.</param>
/// <param name="ExampleJson">An example request body (JSON), when the command has one.</param>
/// <param name="Audited">True when the command is a sensitive operation: a refused attempt is audited too.</param>
internal sealed record WeeEventsEndpointMetadata(string EntityType, string? Command, string? ExampleJson = null, bool Audited = false);
