namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>The four deployable services of the order flow.</summary>
public enum FlowService
{
    Order,
    Inventory,
    Payment,
    Shipping,
}
