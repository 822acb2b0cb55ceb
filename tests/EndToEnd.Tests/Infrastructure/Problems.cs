using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>Reads the problem details a refused request answers with.</summary>
public static class Problems
{
    /// <summary>Asserts <paramref name="response"/> is problem details with <paramref name="status"/>, and returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>The fields a 400 names in <c>errors</c>.</summary>
    public static IReadOnlyCollection<string> ErrorFields(this JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(p => p.Name).ToArray() : [];

    /// <summary>The entity of a successful command response.</summary>
    public static Task<JsonElement> EntityAsync(this HttpResponseMessage response) =>
        response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
}
