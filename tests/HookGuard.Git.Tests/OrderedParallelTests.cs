namespace HookGuard.Git.Tests;

[TestFixture]
public sealed class OrderedParallelTests
{
    [Test]
    public void Map_ItemsOfUnevenCost_GivesEveryResultOnceInListOrder()
    {
        var items = Enumerable.Range(0, 200).ToList();
        var calls = 0;

        var results = OrderedParallel.Map(items, new State("caller"), () => new State("helper"), helpers: 3, (_, item) =>
        {
            Interlocked.Increment(ref calls);
            // Early items are slow, so later ones finish first on the other threads.
            Thread.SpinWait(item < 20 ? 200_000 : 1_000);
            return item * 10;
        });

        Assert.That(results, Is.EqualTo(items.Select(item => item * 10)));
        Assert.That(calls, Is.EqualTo(items.Count));
    }

    [Test]
    public void Map_WithAHelper_RunsOnTwoThreadsAtOnceEachWithItsOwnState()
    {
        // Both threads must be inside a map at the same time to get past the barrier; one thread alone times out.
        using var barrier = new Barrier(2);
        var statesSeen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var helperState = new State("helper");

        var results = OrderedParallel.Map([1, 2], new State("caller"), () => helperState, helpers: 1, (state, item) =>
        {
            statesSeen[state.Name] = Environment.CurrentManagedThreadId;
            return barrier.SignalAndWait(TimeSpan.FromSeconds(30)) ? item : -1;
        });

        Assert.That(string.Join(", ", results), Is.EqualTo("1, 2"));
        Assert.That(string.Join(", ", statesSeen.Keys.Order(StringComparer.Ordinal)), Is.EqualTo("caller, helper"));
        Assert.That(statesSeen["caller"], Is.Not.EqualTo(statesSeen["helper"]));
        Assert.That(helperState.Disposed, Is.True, "a helper's state is disposed when it is done");
    }

    [Test]
    public void Map_HelperStateCannotBeOpened_TheCallerMapsEverything()
    {
        var results = OrderedParallel.Map(Enumerable.Range(0, 50).ToList(), new State("caller"), () => null, helpers: 2, (state, item) => $"{state.Name} {item}");

        Assert.That(results, Is.EqualTo(Enumerable.Range(0, 50).Select(item => $"caller {item}")));
    }

    [Test]
    public void Map_SeveralItemsFail_ThrowsTheEarliestItemsFailureUnwrapped()
    {
        // Item 30 fails at once; item 3 fails only after a while, so its failure is met later in time but earlier in the list.
        var items = Enumerable.Range(0, 100).ToList();
        var exception = Assert.Throws<InvalidOperationException>(() => OrderedParallel.Map(items, new State("caller"), () => new State("helper"), helpers: 3, (_, item) =>
        {
            if (item == 3)
            {
                Thread.Sleep(200);
                throw new InvalidOperationException("item 3");
            }

            return item == 30 ? throw new InvalidOperationException("item 30") : item;
        }));

        Assert.That(exception!.Message, Is.EqualTo("item 3"));
    }

    [Test]
    public void Map_AnItemFails_ItemsAfterItAreNotStartedOnceItIsKnown()
    {
        var started = new System.Collections.Concurrent.ConcurrentBag<int>();

        Assert.Throws<InvalidOperationException>(() => OrderedParallel.Map(Enumerable.Range(0, 1000).ToList(), new State("caller"), () => null, helpers: 1, (_, item) =>
        {
            started.Add(item);
            return item == 5 ? throw new InvalidOperationException("item 5") : item;
        }));

        Assert.That(started.Max(), Is.EqualTo(5), "with the caller alone, nothing after the failure runs");
    }

    [Test]
    public void Map_HelperStateFailsToOpen_ThrowsThatFailureUnwrappedAfterTheCallerIsDone()
    {
        var mapped = 0;

        var exception = Assert.Throws<FormatException>(() => OrderedParallel.Map(Enumerable.Range(0, 10).ToList(), new State("caller"), () => throw new FormatException("no state"), helpers: 1, (_, item) =>
        {
            Interlocked.Increment(ref mapped);
            return item;
        }));

        Assert.That(exception!.Message, Is.EqualTo("no state"));
        Assert.That(mapped, Is.EqualTo(10));
    }

    private sealed class State(string name) : IDisposable
    {
        public string Name { get; } = name;

        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
