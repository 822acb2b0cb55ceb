using WeeEvents.Contracts;
using WeeEvents.Services.Inventory.Domain;
using WeeEvents.Services.Inventory.Reservations;
using WeeEvents.Services.Inventory.Reservations.Commands;
using WeeEvents.Services.Inventory.Reservations.Events;
using WeeEvents.Testing;

namespace WeeEvents.Services.Inventory.Tests;

public class StockReservationTests
{
    private static readonly ReservationLine[] Lines = [new("sku-1", 2)];
    private static readonly Shortage[] Short = [new("sku-1", 2, 1, true)];
    private static readonly Money Total = new(5m, "EUR");

    private static ScenarioGiven<StockReservationState> Order() => Scenario.For(StockReservationService.Description, "o-1");

    private static ScenarioGiven<StockReservationState> Reserved() => Order().Given(ReservationConfirmed.Name, new ReservationConfirmed.Data(Lines, Total));

    [Fact]
    public async Task A_reservation_is_confirmed_once()
    {
        await Order().When(ConfirmReservation.Name, new ConfirmReservation.Command(Lines, Total)).Then(ReservationConfirmed.Name, new ReservationConfirmed.Data(Lines, Total));
        await Reserved().When(ConfirmReservation.Name, new ConfirmReservation.Command(Lines, Total)).ThenNothing();
    }

    [Fact]
    public async Task A_failed_reservation_cannot_be_confirmed_later()
    {
        var error = await Order().Given(ReservationFailed.Name, new ReservationFailed.Data(Short))
            .When(ConfirmReservation.Name, new ConfirmReservation.Command(Lines, Total)).ThenFails<ReservationAlreadyDecided>();
        Assert.Equal("failed", error.State);
    }

    [Fact]
    public async Task A_confirmed_reservation_cannot_fail_later() =>
        await Reserved().When(FailReservation.Name, new FailReservation.Command(Short, ReservationFailureReasons.OutOfStock, [])).ThenFails<ReservationAlreadyDecided>();

    [Fact]
    public async Task Committing_a_reserved_order_is_recorded_once()
    {
        var entity = await Reserved().When(CommitReservation.Name, new CommitReservation.Command()).Then(ReservationCommitted.Name, new ReservationCommitted.Data());
        Assert.IsType<StockReservationState.Committed>(entity.State);
        await Reserved().Given(ReservationCommitted.Name, new ReservationCommitted.Data()).When(CommitReservation.Name, new CommitReservation.Command()).ThenNothing();
    }

    [Fact]
    public async Task A_payment_for_the_reserved_total_commits_it()
    {
        var entity = await Reserved().When(CommitReservation.Name, new CommitReservation.Command(Total)).Then(ReservationCommitted.Name, new ReservationCommitted.Data());
        Assert.IsType<StockReservationState.Committed>(entity.State);
    }

    [Theory]
    [InlineData(0.01, "EUR")]
    [InlineData(5, "GBP")]
    public async Task A_payment_for_another_amount_or_currency_is_refused_naming_both(decimal amount, string currency)
    {
        var error = await Reserved().When(CommitReservation.Name, new CommitReservation.Command(new Money(amount, currency))).ThenFails<PaymentDoesNotMatch>();
        Assert.Contains("reserved for 5.00 EUR", error.Message, StringComparison.Ordinal);
        Assert.Equal("payment-does-not-match", error.Rule);
    }

    [Fact]
    public async Task A_payment_for_an_order_whose_reservation_failed_or_was_voided_is_refused()
    {
        await Order().Given(ReservationFailed.Name, new ReservationFailed.Data(Short)).When(CommitReservation.Name, new CommitReservation.Command(Total)).ThenFails<ReservationNotHeld>();
        await Order().Given(ReservationVoided.Name, new ReservationVoided.Data("cancelled")).When(CommitReservation.Name, new CommitReservation.Command(Total)).ThenFails<ReservationNotHeld>();
    }

    [Fact]
    public async Task Committing_without_a_reservation_is_refused() =>
        await Order().When(CommitReservation.Name, new CommitReservation.Command()).ThenFails<ReservationNotFound>();

    [Fact]
    public async Task A_release_heard_before_the_reservation_voids_it()
    {
        var entity = await Order().When(ReleaseReservation.Name, new ReleaseReservation.Command("order cancelled"))
            .Then(ReservationVoided.Name, new ReservationVoided.Data("order cancelled"));
        Assert.IsType<StockReservationState.Voided>(entity.State);
    }

    [Fact]
    public async Task A_commit_after_the_release_changes_nothing() =>
        await Reserved().Given(ReservationReleased.Name, new ReservationReleased.Data("payment failed"))
            .When(CommitReservation.Name, new CommitReservation.Command()).ThenNothing();

    [Fact]
    public async Task Releasing_twice_is_a_no_op() =>
        await Reserved().Given(ReservationReleased.Name, new ReservationReleased.Data("payment failed"))
            .When(ReleaseReservation.Name, new ReleaseReservation.Command("order cancelled")).ThenNothing();
}
