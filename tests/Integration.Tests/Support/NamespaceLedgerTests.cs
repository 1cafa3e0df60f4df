namespace Streaming.Integration.Tests.Support;

/// <summary>Test namespaces are cleaned up only when no test class holds the shared dependencies any more.</summary>
public sealed class NamespaceLedgerTests
{
    [Fact]
    public void Namespaces_are_done_only_when_the_last_holder_lets_go()
    {
        var ledger = new NamespaceLedger();
        ledger.Hold();
        var first = ledger.Issue("a");
        ledger.Hold();
        var second = ledger.Issue("b");

        Assert.Empty(ledger.Release());
        Assert.Equal([first, second], ledger.Release());
    }

    [Fact]
    public void A_class_that_starts_after_a_cleanup_has_only_its_own_namespaces_cleaned_next()
    {
        var ledger = new NamespaceLedger();
        ledger.Hold();
        ledger.Issue("a");
        ledger.Release();
        ledger.Hold();
        var later = ledger.Issue("b");

        Assert.Equal([later], ledger.Release());
    }

    [Fact]
    public void A_namespace_is_the_hint_and_a_unique_suffix_within_40_characters()
    {
        var ledger = new NamespaceLedger();

        var (one, two) = (ledger.Issue("subs-cancel-first"), ledger.Issue("subs-cancel-first"));

        Assert.StartsWith("t-subs-cancel-first-", one);
        Assert.Equal(40, one.Length);
        Assert.NotEqual(one, two);
    }
}
