using System.Runtime.ExceptionServices;

namespace HookGuard.Git;

/// <summary>
/// Maps a list on several threads, each with state of its own, and gives the results in list order, so that what a
/// caller builds from them is the same as from a loop on one thread. Made for reading blobs: a LibGit2Sharp
/// <c>Repository</c> is not thread-safe, so every thread reads through its own.
/// </summary>
internal static class OrderedParallel
{
    /// <summary>
    /// <paramref name="map"/> of every item, the calling thread taking items with <paramref name="callerState"/> and each
    /// of <paramref name="helpers"/> pool threads with the state <paramref name="openHelperState"/> gives it (disposed when
    /// done). Items are handed out one at a time, so a few large ones do not leave a thread idle.
    /// </summary>
    /// <param name="openHelperState">A helper's state, or null when it cannot be had: that helper reads nothing and the others take its share.</param>
    /// <exception cref="Exception">
    /// When a map fails: the failure of the earliest item that failed, as it was thrown (not wrapped), which is what a
    /// loop in list order would have thrown; items after it are not started.
    /// </exception>
    public static TResult[] Map<TItem, TState, TResult>(
        IReadOnlyList<TItem> items, TState callerState, Func<TState?> openHelperState, int helpers, Func<TState, TItem, TResult> map)
        where TState : class, IDisposable
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(openHelperState);
        ArgumentNullException.ThrowIfNull(map);
        var run = new Run<TItem, TState, TResult>(items, map);
        var started = Enumerable.Range(0, helpers).Select(_ => Task.Run(() =>
        {
            using var state = openHelperState();
            if (state is not null)
            {
                run.Work(state);
            }
        })).ToArray();
        run.Work(callerState);

        Exception? helperFailure = null;
        foreach (var helper in started)
        {
            try
            {
                helper.GetAwaiter().GetResult();
            }
            catch (Exception exception)
            {
                // Only opening or disposing a helper's state gets here (Work keeps every map failure); all threads stop first.
                helperFailure ??= exception;
            }
        }

        run.ThrowFirstFailure();
        if (helperFailure is not null)
        {
            ExceptionDispatchInfo.Capture(helperFailure).Throw();
        }

        return run.Results;
    }

    private sealed class Run<TItem, TState, TResult>(IReadOnlyList<TItem> items, Func<TState, TItem, TResult> map)
    {
        private readonly Exception?[] _failures = new Exception?[items.Count];
        private int _next = -1;
        private int _firstFailure = int.MaxValue;

        public TResult[] Results { get; } = new TResult[items.Count];

        public void Work(TState state)
        {
            int i;
            // Items are taken in list order, so every item before a failure has been taken and runs to its end: the
            // earliest failure is known once all threads stop, whichever finished first.
            while ((i = Interlocked.Increment(ref _next)) < items.Count && i < Volatile.Read(ref _firstFailure))
            {
                try
                {
                    Results[i] = map(state, items[i]);
                }
                catch (Exception exception)
                {
                    _failures[i] = exception;
                    LowerFirstFailure(i);
                }
            }
        }

        public void ThrowFirstFailure()
        {
            if (_firstFailure < items.Count)
            {
                ExceptionDispatchInfo.Capture(_failures[_firstFailure]!).Throw();
            }
        }

        private void LowerFirstFailure(int index)
        {
            var seen = Volatile.Read(ref _firstFailure);
            while (index < seen)
            {
                var previous = Interlocked.CompareExchange(ref _firstFailure, index, seen);
                if (previous == seen)
                {
                    return;
                }

                seen = previous;
            }
        }
    }
}
