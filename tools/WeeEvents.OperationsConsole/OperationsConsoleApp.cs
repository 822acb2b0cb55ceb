using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using WeeEvents.AspNetCore.Security;
using WeeEvents.OperationsConsole.Backends;
using WeeEvents.OperationsConsole.Components;
using WeeEvents.OperationsConsole.Conversations;
using WeeEvents.OperationsConsole.Failed;
using WeeEvents.OperationsConsole.Live;
using WeeEvents.OperationsConsole.ReadModels;
using WeeEvents.OperationsConsole.Security;

namespace WeeEvents.OperationsConsole;

/// <summary>
/// The console as one composition: server-rendered Razor components (one small script refreshes live figures), operators only (a sign-in cookie
/// from OpenID Connect or from a token the services accept), antiforgery on every form, and the clients of the
/// services and the broker. Its own <c>Program.cs</c>, the demo and the tests build it the same way.
/// </summary>
public static class OperationsConsoleApp
{
    /// <summary>Builds the console from <paramref name="args"/> and its configuration; <paramref name="configure"/> adds to the builder (settings, a port).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var services = builder.Services;
        services.AddWeeEventsOptions<ConsoleOptions, ConsoleOptionsValidator>();
        services.AddRazorComponents();
        services.AddHttpContextAccessor();
        services.AddSingleton(TimeProvider.System);

        // The services' token rules (WeeEvents:Auth) check a pasted token; the console's own scheme is the cookie.
        services.AddWeeEventsAuth();
        var openId = builder.Configuration.GetSection($"{ConsoleOptions.Section}:OpenIdConnect").Get<OpenIdConnectSettings>();
        var authentication = services.AddAuthentication(o =>
        {
            o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.DefaultChallengeScheme = openId?.ClientId is { Length: > 0 } ? OpenIdConnectDefaults.AuthenticationScheme : CookieAuthenticationDefaults.AuthenticationScheme;
        }).AddCookie(o =>
        {
            o.LoginPath = SignInEndpoints.SignInPath;
            o.AccessDeniedPath = SignInEndpoints.DeniedPath;
            o.Cookie.Name = "weeevents-console";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.HttpOnly = true;
        });
        if (openId?.ClientId is { Length: > 0 })
        {
            authentication.AddOpenIdConnect(o =>
            {
                o.Authority = builder.Configuration[$"{WeeEventsAuthOptions.Section}:Authority"];
                o.ClientId = openId.ClientId;
                o.ClientSecret = openId.ClientSecret;
                o.ResponseType = "code";
                o.SaveTokens = true; // the access token is what the console sends to the services
                o.MapInboundClaims = false;
                o.TokenValidationParameters.NameClaimType = WeeEventsAuthServiceCollectionExtensions.SubjectClaim;
                o.TokenValidationParameters.RoleClaimType = WeeEventsAuthServiceCollectionExtensions.RoleClaim;
                foreach (var scope in openId.Scopes)
                {
                    o.Scope.Add(scope);
                }
            });
        }

        // Every page and action is for operators; the sign-in and denied pages say so themselves.
        services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder(CookieAuthenticationDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser().RequireRole(WeeEventsRoles.Operator).Build());
        services.AddSingleton<OperatorTokens>();

        services.AddTransient<OperatorTokenHandler>();
        services.AddHttpClient<ServiceApi>(c => c.Timeout = TimeSpan.FromSeconds(10)).AddHttpMessageHandler<OperatorTokenHandler>();
        services.AddHttpClient<BrokerApi>(c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddScoped<ParkedInventory>();
        services.AddScoped<ConversationReader>();
        services.AddSingleton<RouteDirectory>();
        services.AddSingleton<OperatorJournal>();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapOperatorSignIn();
        app.MapFailedMessageActions();
        app.MapRebuildActions();
        app.MapLiveScript();
        app.MapRazorComponents<App>();
        return app;
    }
}
