namespace WeeEvents.Tests;

/// <summary>
/// Who reads an entity, as one <see cref="EntityAccess{TState}"/> declares it: staff everything, a client their own, and
/// nobody is let through for lack of a name.
/// </summary>
public sealed class EntityAccessTests
{
    private sealed record Parcel(string? Owner);

    private static readonly EntityAccess<Parcel> Owned = EntityAccess<Parcel>.OwnedBy(p => p.Owner, "clerk");
    private static readonly Caller Ada = new Caller.Client("ada", new HashSet<string>());
    private static readonly Caller Grace = new Caller.Client("grace", new HashSet<string>());
    private static readonly Caller Clerk = new Caller.Client("bob", new HashSet<string> { "clerk" });

    [Fact]
    public void A_customer_reads_their_own_and_not_anothers_and_staff_and_the_service_read_all()
    {
        var adas = new Parcel("ada");

        Assert.True(Owned.MayRead(Ada, adas));
        Assert.False(Owned.MayRead(Grace, adas));
        Assert.True(Owned.MayRead(Clerk, adas));
        Assert.True(Owned.MayRead(new Caller.Service("shipping"), adas));
    }

    [Fact]
    public void An_anonymous_caller_reads_nothing_owned_and_an_entity_nobody_owns_yet_is_no_clients()
    {
        Assert.False(Owned.MayRead(Caller.Anonymous.Instance, new Parcel("ada")));
        Assert.False(Owned.MayRead(Ada, new Parcel(null)));
        Assert.True(Owned.MayRead(Clerk, new Parcel(null)));
    }

    [Fact]
    public void A_client_cannot_be_named_without_a_subject()
    {
        Assert.Throws<ArgumentException>(() => new Caller.Client("", new HashSet<string>()));
        Assert.Throws<ArgumentException>(() => new Caller.Client("  ", new HashSet<string> { "operator" }));
    }

    [Fact]
    public void Staff_only_entities_are_read_by_staff_alone_and_open_ones_by_anyone()
    {
        var staffOnly = EntityAccess<Parcel>.StaffOnly("clerk");
        var open = EntityAccess<Parcel>.AnyCaller();

        Assert.False(staffOnly.MayRead(Ada, new Parcel("ada")));
        Assert.True(staffOnly.MayRead(Clerk, new Parcel("ada")));
        Assert.True(open.MayRead(Caller.Anonymous.Instance, new Parcel("ada")));
        Assert.Null(staffOnly.OwnEntitiesOf(Ada));
        Assert.Equal("ada", Owned.OwnEntitiesOf(Ada));
    }

    [Fact]
    public void A_command_for_the_owner_needs_a_description_that_names_one()
    {
        var builder = DispatcherDescription.For<Parcel>()
            .Access(EntityAccess<Parcel>.StaffOnly("clerk"))
            .Command<string>("claim", new FluentValidation.InlineValidator<string>(), (_, _, _, _) => Task.CompletedTask, CommandAccess.Owner);

        Assert.Throws<InvalidOperationException>(() => builder.Description());
    }
}
