using System.Net.Http.Headers;
using System.Text;
using WeeEvents.AppHost.Servers;
using WeeEvents.AspNetCore.Security;
// WeeEvents has a CommandOptions of its own (a command's caller), nearer to this namespace than Aspire's.
using ResourceCommandOptions = Aspire.Hosting.ApplicationModel.CommandOptions;

namespace WeeEvents.AppHost.Operations;

/// <summary>
/// The dashboard's buttons for an operator: the operations the admin tool and the services already offer, run as they
/// are (the tool's own commands, the service's own endpoint), none of their own.
/// </summary>
public static class OperatorCommands
{
    /// <summary>
    /// On the admin tool's resource: <c>parked list</c>, and <c>parked return &lt;queue&gt; (--all | --message-id id)</c>,
    /// against the run's broker as its administrator; the tool's output is the command's result.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithParkedMessageCommands(this IResourceBuilder<ProjectResource> admin, BackingServers servers)
    {
        var project = admin.Resource.GetProjectMetadata().ProjectPath;
        async Task<ExecuteCommandResult> RunAsync(string[] arguments, CancellationToken cancellationToken)
        {
            var broker = await servers.AdministratorUrl.GetValueAsync(cancellationToken) ?? "";
            var (exitCode, output) = await AdminToolRun.RunAsync(project, broker, arguments, cancellationToken);
            // 1 is "nothing matched" (nothing parked, no such message): an answer, not a failure.
            return exitCode is 0 or 1
                ? CommandResults.Success($"WeeEvents.Admin {string.Join(' ', arguments)}", output, CommandResultFormat.Text)
                : CommandResults.Failure($"WeeEvents.Admin {string.Join(' ', arguments)} exited with {exitCode}", output, CommandResultFormat.Text);
        }

        admin.WithCommand(
            "parked-list",
            "List parked messages",
            context => RunAsync(["parked", "list"], context.CancellationToken),
            new ResourceCommandOptions
            {
                Description = "Every route's _error queue that holds messages: each message's id, contract, when and why it was parked (WeeEvents.Admin parked list).",
                // The resource's own run (topology deploy) has finished by the time anything is parked.
                UpdateState = _ => ResourceCommandState.Enabled,
            });
        admin.WithCommand(
            "parked-return",
            "Return parked messages",
            context =>
            {
                var queue = context.Arguments["queue"].Value ?? "";
                var messageId = context.Arguments["message-id"].Value;
                string[] which = messageId is { Length: > 0 } ? ["--message-id", messageId] : ["--all"];
                return RunAsync(["parked", "return", queue, .. which], context.CancellationToken);
            },
            new ResourceCommandOptions
            {
                Description = "Moves one parked message, or all of a queue's, back to the queue it came from (WeeEvents.Admin parked return). Fix the cause first: a message that fails again is parked again.",
                UpdateState = _ => ResourceCommandState.Enabled,
                Arguments =
                [
                    new InteractionInput { Name = "queue", Label = "Queue", InputType = InputType.Text, Required = true, Placeholder = "inventory.reserve-stock_error" },
                    new InteractionInput { Name = "message-id", Label = "Message id (empty: all)", InputType = InputType.Text },
                ],
            });
        return admin;
    }

    /// <summary>
    /// On the Order service: <c>POST /customer/{id}/forget</c> as an operator, which publishes <c>CustomerForgotten</c> to
    /// every service (crypto-shredding the customer's personal data).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithForgetCustomerCommand(this IResourceBuilder<ProjectResource> order, DevelopmentTokens tokens)
    {
        return order.WithHttpCommand(
            "/customer",
            "Forget a customer",
            endpointName: "http",
            commandName: "forget-customer",
            new HttpCommandOptions
            {
                Description = "Destroys the customer's data keys in every service: their personal fields read as erased from then on (POST /customer/{id}/forget).",
                ConfirmationMessage = "Forget this customer in every service? It cannot be undone.",
                Method = HttpMethod.Post,
                Arguments = [new InteractionInput { Name = "customer", Label = "Customer id", InputType = InputType.Text, Required = true, Placeholder = "c-1" }],
                PrepareRequest = context =>
                {
                    var customer = Uri.EscapeDataString(context.Arguments["customer"].Value ?? "");
                    context.Request.RequestUri = new Uri(context.Request.RequestUri!, $"/customer/{customer}/forget");
                    context.Request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Mint("apphost", [WeeEventsRoles.Operator]));
                    context.Request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                    return Task.CompletedTask;
                },
                GetCommandResult = async context =>
                {
                    var body = await context.Response.Content.ReadAsStringAsync(context.CancellationToken);
                    return context.Response.IsSuccessStatusCode
                        ? CommandResults.Success($"Forgotten ({(int)context.Response.StatusCode}).", body, CommandResultFormat.Json)
                        : CommandResults.Failure($"{(int)context.Response.StatusCode} {context.Response.ReasonPhrase}", body, CommandResultFormat.Json);
                },
            });
    }
}
