namespace HookGuard.Git.Tests;

[TestFixture]
public sealed class LruCacheTests
{
    [Test]
    public void Add_OverTheBudget_DropsTheLeastRecentlyUsed()
    {
        var cache = new LruCache<string, string>(10, value => value.Length);
        cache.Add("a", "aaaa");
        cache.Add("b", "bbbb");
        Assert.That(cache.TryGet("a", out _), Is.True, "a is now the most recently used");

        cache.Add("c", "cccc");

        Assert.That(cache.TryGet("b", out _), Is.False);
        Assert.That(cache.TryGet("a", out var a) && cache.TryGet("c", out _), Is.True);
        Assert.That(a, Is.EqualTo("aaaa"));
        Assert.That(cache.Size, Is.EqualTo(8));
    }

    [Test]
    public void Add_ValueLargerThanTheBudget_IsNotKeptAndKeepsTheRest()
    {
        var cache = new LruCache<string, string>(10, value => value.Length);
        cache.Add("a", "aaaa");

        cache.Add("huge", new string('x', 11));

        Assert.That(cache.TryGet("huge", out _), Is.False);
        Assert.That(cache.TryGet("a", out _), Is.True);
    }

    [Test]
    public void Add_SameKeyAgain_ReplacesTheValueAndItsSize()
    {
        var cache = new LruCache<string, string>(10, value => value.Length);
        cache.Add("a", "aaaa");

        cache.Add("a", "aa");

        Assert.That(cache.TryGet("a", out var value), Is.True);
        Assert.That(value, Is.EqualTo("aa"));
        Assert.That((cache.Size, cache.Count), Is.EqualTo((2L, 1)));
    }
}
