namespace WeeEvents.AspNetCore.Security;

/// <summary>The roles the WeeEvents HTTP API itself asks for; services declare their own with each command (<see cref="CommandAccess"/>).</summary>
public static class WeeEventsRoles
{
    /// <summary>Reads an entity's recorded events, metadata and actors included (<c>GET /{type}/{key}/events</c>).</summary>
    public const string Operator = "operator";

    /// <summary>Acts on data subjects' requests: forgets a customer (<c>POST /customer/{id}/forget</c>).</summary>
    public const string PrivacyOfficer = "privacy-officer";
}
