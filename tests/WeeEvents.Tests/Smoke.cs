namespace WeeEvents.Tests;

public class Smoke
{
    [Fact]
    public void Runs() => Assert.Equal("account.1", new AggregateId("account", "1").Encoded);
}
