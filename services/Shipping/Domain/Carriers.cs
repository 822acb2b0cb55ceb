using System.Security.Cryptography;
using System.Text;

namespace WeeEvents.Services.Shipping.Domain;

/// <summary>
/// Picks the carrier and tracking number of a shipment. Deterministic (a function of the order id and the
/// destination), so a handler re-run after a lost race or a redelivered message assigns the same ones.
/// </summary>
public static class Carriers
{
    /// <summary>The carrier for <paramref name="country"/> and the tracking number for <paramref name="orderId"/>.</summary>
    public static (string Carrier, string TrackingNumber) Assign(string orderId, string country)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        var (carrier, prefix) = country switch
        {
            "GB" => ("Royal Mail", "RM"),
            "US" => ("UPS", "1Z"),
            "DE" or "AT" or "CH" => ("DHL", "JD"),
            _ => ("DHL Express", "DX"),
        };
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(orderId));
        return (carrier, prefix + Convert.ToHexString(digest, 0, 6));
    }
}
