using WeeEvents.AspNetCore.Security;

namespace WeeEvents.AppHost;

/// <summary>The roles of the token the AppHost prints: every role the services ask for, as the tests' tokens hold.</summary>
public static class OperatorToken
{
    /// <summary>Inventory's stock manager and Shipping's clerk (named as those services name them), the privacy officer and the operator.</summary>
    public static IReadOnlyList<string> Roles { get; } = ["inventory-manager", "shipping-clerk", WeeEventsRoles.PrivacyOfficer, WeeEventsRoles.Operator];
}
