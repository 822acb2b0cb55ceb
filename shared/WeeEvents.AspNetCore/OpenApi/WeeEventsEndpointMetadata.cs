namespace WeeEvents.AspNetCore.OpenApi;

/// <summary>What a WeeEvents endpoint is, for the OpenAPI transformers.</summary>
/// <param name="EntityType">The entity type it serves.</param>
/// <param name="Command">The command it runs, or null for the read endpoints.</param>
internal sealed record WeeEventsEndpointMetadata(string EntityType, string? Command);
