using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;

namespace WeeEvents.OperationsConsole.Backends;

/// <summary>Sends the signed-in operator's own token with every call to a service: the services decide what an operator may read.</summary>
public sealed class OperatorTokenHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (accessor.HttpContext is { } http && await http.GetTokenAsync("access_token").ConfigureAwait(false) is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
