using System.Diagnostics.CodeAnalysis;

namespace HookGuard.Git;

/// <summary>
/// Values kept up to a total size, the least recently used dropped first. A value larger than the whole budget is not
/// kept at all, so one huge file cannot empty the cache of everything else.
/// </summary>
internal sealed class LruCache<TKey, TValue>(long budget, Func<TValue, long> sizeOf)
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value, long Size)>> _nodes = [];

    // Most recently used first.
    private readonly LinkedList<(TKey Key, TValue Value, long Size)> _order = new();

    public long Size { get; private set; }

    public int Count => _nodes.Count;

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (!_nodes.TryGetValue(key, out var node))
        {
            value = default;
            return false;
        }

        _order.Remove(node);
        _order.AddFirst(node);
        value = node.Value.Value;
        return true;
    }

    public void Add(TKey key, TValue value)
    {
        if (_nodes.Remove(key, out var old))
        {
            _order.Remove(old);
            Size -= old.Value.Size;
        }

        var size = sizeOf(value);
        if (size > budget)
        {
            return;
        }

        _nodes[key] = _order.AddFirst((key, value, size));
        Size += size;
        while (Size > budget && _order.Last is { } last)
        {
            _order.RemoveLast();
            _nodes.Remove(last.Value.Key);
            Size -= last.Value.Size;
        }
    }
}
