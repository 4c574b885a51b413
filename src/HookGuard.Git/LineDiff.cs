namespace HookGuard.Git;

/// <summary>
/// Which lines of a new text are added relative to an old one, as a shortest edit script finds them
/// (Myers, "An O(ND) Difference Algorithm and Its Variations", 1986: the linear-space bisection).
/// Lines are compared as ints; callers map equal lines to equal ints.
/// </summary>
/// <remarks>
/// We need our own diff because LibGit2Sharp's patch API crashes under Native AOT (libgit2sharp #2082).
/// Two cheap steps come first, as in git's xdiff: trimming the common prefix and suffix (a typical edit then costs
/// one pass over the lines) and setting aside lines that have no equal on the other side (they can never match, so
/// the result is the same, and a rewritten file no longer costs O(N*D)).
/// When a search still exceeds the cost limit it stops and splits at the furthest point either direction reached,
/// again as xdiff does: time stays bounded, and the script stays valid though maybe not shortest, so the scan can
/// see more lines than strictly added, never fewer.
/// </remarks>
internal sealed class LineDiff
{
    private readonly int[] _old;
    private readonly int[] _new;
    private readonly bool[] _added;
    private readonly int _maxCost;
    private int[] _forward = [];
    private int[] _reverse = [];

    private LineDiff(int[] oldLines, int[] newLines, int maxCost)
    {
        _old = oldLines;
        _new = newLines;
        _added = new bool[newLines.Length];
        _maxCost = maxCost;
    }

    /// <summary>The runs of added lines: 0-based start in <paramref name="newLines"/> and length, in order.</summary>
    /// <param name="maxCost">Edits one search may explore before it splits heuristically; by default as git: √(lines), at least 256.</param>
    public static List<(int Start, int Count)> AddedRuns(int[] oldLines, int[] newLines, int? maxCost = null)
    {
        ArgumentNullException.ThrowIfNull(oldLines);
        ArgumentNullException.ThrowIfNull(newLines);

        int start = 0, oldEnd = oldLines.Length, newEnd = newLines.Length;
        while (start < oldEnd && start < newEnd && oldLines[start] == newLines[start])
        {
            start++;
        }

        while (oldEnd > start && newEnd > start && oldLines[oldEnd - 1] == newLines[newEnd - 1])
        {
            oldEnd--;
            newEnd--;
        }

        var inOld = new HashSet<int>(oldLines.AsSpan(start, oldEnd - start).ToArray());
        var inNew = new HashSet<int>(newLines.AsSpan(start, newEnd - start).ToArray());
        var oldCandidates = oldLines[start..oldEnd].Where(inNew.Contains).ToArray();
        var newPositions = Enumerable.Range(start, newEnd - start).Where(i => inOld.Contains(newLines[i])).ToArray();
        var newCandidates = Array.ConvertAll(newPositions, i => newLines[i]);

        var cost = maxCost ?? Math.Max(256, (int)Math.Sqrt(oldCandidates.Length + newCandidates.Length));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cost, nameof(maxCost));
        var diff = new LineDiff(oldCandidates, newCandidates, cost);
        diff.Compare(0, oldCandidates.Length, 0, newCandidates.Length);

        var added = new bool[newLines.Length];
        Array.Fill(added, true, start, newEnd - start);
        for (var i = 0; i < newPositions.Length; i++)
        {
            added[newPositions[i]] = diff._added[i];
        }

        var runs = new List<(int Start, int Count)>();
        for (var i = start; i < newEnd; i++)
        {
            if (!added[i])
            {
                continue;
            }

            var runStart = i;
            while (i < newEnd && added[i])
            {
                i++;
            }

            runs.Add((runStart, i - runStart));
        }

        return runs;
    }

    private void Compare(int oldStart, int oldEnd, int newStart, int newEnd)
    {
        while (true)
        {
            while (oldStart < oldEnd && newStart < newEnd && _old[oldStart] == _new[newStart])
            {
                oldStart++;
                newStart++;
            }

            while (oldStart < oldEnd && newStart < newEnd && _old[oldEnd - 1] == _new[newEnd - 1])
            {
                oldEnd--;
                newEnd--;
            }

            if (newStart == newEnd)
            {
                return;
            }

            if (oldStart == oldEnd
                || !TryBisect(oldStart, oldEnd, newStart, newEnd, out var oldSplit, out var newSplit)
                // A split must lie inside the problem, and not at a corner (that would recurse on the same problem forever).
                || oldSplit < oldStart || oldSplit > oldEnd || newSplit < newStart || newSplit > newEnd
                || (oldSplit == oldStart && newSplit == newStart)
                || (oldSplit == oldEnd && newSplit == newEnd))
            {
                MarkAdded(newStart, newEnd);
                return;
            }

            // Recurse into the smaller half and loop on the larger, so the stack stays O(log n) even when the cost
            // limit makes the splits lopsided.
            if (oldSplit - oldStart + newSplit - newStart <= oldEnd - oldSplit + newEnd - newSplit)
            {
                Compare(oldStart, oldSplit, newStart, newSplit);
                (oldStart, newStart) = (oldSplit, newSplit);
            }
            else
            {
                Compare(oldSplit, oldEnd, newSplit, newEnd);
                (oldEnd, newEnd) = (oldSplit, newSplit);
            }
        }
    }

    /// <summary>
    /// Finds a point on a shortest edit path by running the search forward from the start and backward from the
    /// end until the two meet; the problem then splits there into two of about half the edit distance.
    /// False when the texts have no line in common.
    /// </summary>
    private bool TryBisect(int oldStart, int oldEnd, int newStart, int newEnd, out int oldSplit, out int newSplit)
    {
        int n = oldEnd - oldStart, m = newEnd - newStart;
        var maxD = (n + m + 1) / 2;
        var giveUpAt = Math.Min(maxD, _maxCost);
        var offset = giveUpAt + 1;
        var length = 2 * offset + 1;
        if (_forward.Length < length)
        {
            _forward = new int[length];
            _reverse = new int[length];
        }

        // -1 marks a diagonal that has not been reached yet.
        Array.Fill(_forward, -1, 0, length);
        Array.Fill(_reverse, -1, 0, length);
        _forward[offset + 1] = 0;
        _reverse[offset + 1] = 0;

        var delta = n - m;
        // With an odd delta the paths can first meet on a forward step, with an even one on a backward step.
        var meetsForward = (delta & 1) != 0;
        // Diagonals that ran off the grid are dropped from the ends of the scanned range.
        int forwardLow = 0, forwardHigh = 0, reverseLow = 0, reverseHigh = 0;
        // The furthest point (by x + y from its own start) each search has reached, for when the cost limit stops it.
        int bestForward = -1, bestForwardX = 0, bestReverse = -1, bestReverseX = 0, bestReverseY = 0;

        for (var d = 0; d < giveUpAt; d++)
        {
            for (var k = -d + forwardLow; k <= d - forwardHigh; k += 2)
            {
                var x = k == -d || (k != d && _forward[offset + k - 1] < _forward[offset + k + 1])
                    ? _forward[offset + k + 1]
                    : _forward[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && _old[oldStart + x] == _new[newStart + y])
                {
                    x++;
                    y++;
                }

                _forward[offset + k] = x;
                if (x > n)
                {
                    forwardHigh += 2;
                }
                else if (y > m)
                {
                    forwardLow += 2;
                }
                else
                {
                    if (x + y > bestForward)
                    {
                        (bestForward, bestForwardX) = (x + y, x);
                    }

                    var reverseIndex = offset + delta - k;
                    if (meetsForward && reverseIndex >= 0 && reverseIndex < length && _reverse[reverseIndex] != -1 && x >= n - _reverse[reverseIndex])
                    {
                        return Split(oldStart, newStart, x, y, out oldSplit, out newSplit);
                    }
                }
            }

            for (var k = -d + reverseLow; k <= d - reverseHigh; k += 2)
            {
                var x = k == -d || (k != d && _reverse[offset + k - 1] < _reverse[offset + k + 1])
                    ? _reverse[offset + k + 1]
                    : _reverse[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && _old[oldEnd - 1 - x] == _new[newEnd - 1 - y])
                {
                    x++;
                    y++;
                }

                _reverse[offset + k] = x;
                if (x > n)
                {
                    reverseHigh += 2;
                }
                else if (y > m)
                {
                    reverseLow += 2;
                }
                else
                {
                    if (x + y > bestReverse)
                    {
                        (bestReverse, bestReverseX, bestReverseY) = (x + y, x, y);
                    }

                    var forwardIndex = offset + delta - k;
                    if (!meetsForward && forwardIndex >= 0 && forwardIndex < length && _forward[forwardIndex] != -1)
                    {
                        var forwardX = _forward[forwardIndex];
                        var forwardY = forwardX - (delta - k);
                        // A diagonal that ran off the grid keeps its out-of-range x; it is no meeting point.
                        if (forwardX >= n - x && forwardX <= n && forwardY <= m)
                        {
                            return Split(oldStart, newStart, forwardX, forwardY, out oldSplit, out newSplit);
                        }
                    }
                }
            }
        }

        if (giveUpAt == maxD)
        {
            oldSplit = newSplit = 0;
            return false;
        }

        // Cost limit reached: split where the search got furthest. Any split point keeps the result a valid edit.
        return bestForward >= bestReverse
            ? Split(oldStart, newStart, bestForwardX, bestForward - bestForwardX, out oldSplit, out newSplit)
            : Split(oldStart, newStart, n - bestReverseX, m - bestReverseY, out oldSplit, out newSplit);
    }

    private static bool Split(int oldStart, int newStart, int x, int y, out int oldSplit, out int newSplit)
    {
        oldSplit = oldStart + x;
        newSplit = newStart + y;
        return true;
    }

    private void MarkAdded(int start, int end) => Array.Fill(_added, true, start, end - start);
}
