namespace WeeEvents.Tests;

public sealed class ConflictRetryPolicyTests
{
    [Fact]
    public void Each_pause_is_stretched_by_at_most_itself_so_that_losers_of_one_race_do_not_meet_again()
    {
        var policy = new ConflictRetryPolicy([TimeSpan.Zero, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100)]);

        Assert.Equal(3, policy.Retries);
        Assert.True(policy.Allows(2));
        Assert.False(policy.Allows(3));
        Assert.Equal(TimeSpan.Zero, policy.PauseBefore(0));
        var pauses = Enumerable.Range(0, 200).Select(_ => policy.PauseBefore(2)).ToList();
        Assert.All(pauses, p => Assert.InRange(p, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)));
        Assert.True(pauses.Distinct().Count() > 1);
    }

    [Fact]
    public void A_negative_pause_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConflictRetryPolicy([TimeSpan.FromMilliseconds(-1)]));
        Assert.Equal(0, ConflictRetryPolicy.None.Retries);
        Assert.Equal(5, new ServiceOptions().ConflictRetry.Retries);
    }
}
