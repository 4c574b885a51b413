using System.Runtime.InteropServices;
using System.Text;

namespace HookGuard.Git;

/// <summary>The lines of a new text that an old text does not have, grouped into runs of consecutive lines.</summary>
internal static class AddedLines
{
    /// <returns>Each run as its 1-based first line in <paramref name="newText"/> and its lines joined by '\n', without '\r'.</returns>
    public static List<(int StartLine, string Text)> Find(string oldText, string newText)
    {
        var newLines = SplitLines(newText);
        return Runs(newText, newLines, Mark(oldText, newText, newLines));
    }

    /// <summary>Which lines of <paramref name="newText"/> (as split by <see cref="SplitLines"/>) <paramref name="oldText"/> does not have.</summary>
    /// <remarks>A merge keeps the lines every parent's mark calls added; <see cref="Runs"/> then groups them.</remarks>
    public static bool[] Mark(string oldText, string newText, (int Start, int Length)[] newLines)
    {
        ArgumentNullException.ThrowIfNull(newLines);
        var oldLines = SplitLines(oldText);
        var added = new bool[newLines.Length];

        // Lines equal at both ends are common to both texts; git's diff trims them first too. Most edits touch a small
        // part of a file (often its end), so only the lines between are hashed and diffed.
        var prefix = 0;
        while (prefix < oldLines.Length && prefix < newLines.Length && SameLine(oldText, oldLines[prefix], newText, newLines[prefix]))
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < oldLines.Length - prefix && suffix < newLines.Length - prefix
            && SameLine(oldText, oldLines[^(suffix + 1)], newText, newLines[^(suffix + 1)]))
        {
            suffix++;
        }

        var newMiddle = newLines.AsSpan(prefix, newLines.Length - prefix - suffix);
        var oldMiddle = oldLines.AsSpan(prefix, oldLines.Length - prefix - suffix);
        if (oldMiddle.IsEmpty)
        {
            added.AsSpan(prefix, newMiddle.Length).Fill(true);
            return added;
        }

        // Equal lines get equal ids. Old lines that the new text lacks can all share -1: the diff only ever
        // compares an old line with a new one. Lines are keys by position in the new text, not strings: a large change
        // has hundreds of thousands of lines, and a string for each was most of this method's time and garbage.
        var ids = new Dictionary<(int Start, int Length), int>(newMiddle.Length, new LinesOf(newText));
        var newIds = new int[newMiddle.Length];
        for (var i = 0; i < newMiddle.Length; i++)
        {
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(ids, newMiddle[i], out var seen);
            if (!seen)
            {
                id = ids.Count - 1;
            }

            newIds[i] = id;
        }

        var lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        var oldIds = new int[oldMiddle.Length];
        for (var i = 0; i < oldMiddle.Length; i++)
        {
            oldIds[i] = lookup.TryGetValue(oldText.AsSpan(oldMiddle[i].Start, oldMiddle[i].Length), out var id) ? id : -1;
        }

        foreach (var (start, count) in LineDiff.AddedRuns(oldIds, newIds))
        {
            Array.Fill(added, true, prefix + start, count);
        }

        return added;
    }

    /// <summary>
    /// Lines of one text, named by position, compared by content; a line of another text is looked up as a span, so no
    /// string is made for any line.
    /// </summary>
    private sealed class LinesOf(string text) : IEqualityComparer<(int Start, int Length)>, IAlternateEqualityComparer<ReadOnlySpan<char>, (int Start, int Length)>
    {
        public bool Equals((int Start, int Length) x, (int Start, int Length) y) => Line(x).SequenceEqual(Line(y));

        public int GetHashCode((int Start, int Length) obj) => string.GetHashCode(Line(obj));

        public bool Equals(ReadOnlySpan<char> alternate, (int Start, int Length) other) => alternate.SequenceEqual(Line(other));

        public int GetHashCode(ReadOnlySpan<char> alternate) => string.GetHashCode(alternate);

        /// <summary>Only looked up by a span, never added by one: a line of another text has no position in this one.</summary>
        public (int Start, int Length) Create(ReadOnlySpan<char> alternate) => throw new NotSupportedException();

        private ReadOnlySpan<char> Line((int Start, int Length) line) => text.AsSpan(line.Start, line.Length);
    }

    private static bool SameLine(string oldText, (int Start, int Length) oldLine, string newText, (int Start, int Length) newLine) =>
        oldText.AsSpan(oldLine.Start, oldLine.Length).SequenceEqual(newText.AsSpan(newLine.Start, newLine.Length));

    /// <summary>The marked lines grouped into runs of consecutive lines.</summary>
    /// <returns>Each run as its 1-based first line in <paramref name="newText"/> and its lines joined by '\n', without '\r'.</returns>
    public static List<(int StartLine, string Text)> Runs(string newText, (int Start, int Length)[] newLines, bool[] added)
    {
        ArgumentNullException.ThrowIfNull(newLines);
        ArgumentNullException.ThrowIfNull(added);
        var runs = new List<(int StartLine, string Text)>();
        StringBuilder? text = null;
        for (var i = 0; i < added.Length; i++)
        {
            if (!added[i])
            {
                continue;
            }

            var start = i;
            while (i + 1 < added.Length && added[i + 1])
            {
                i++;
            }

            // The lines of a run are consecutive in the new text, so without a '\r' the run is one slice of it, copied once.
            var first = newLines[start].Start;
            var slice = newText.AsSpan(first, newLines[i].Start + newLines[i].Length - first);
            runs.Add((start + 1, slice.Contains('\r') ? WithoutCarriageReturns(newText, newLines, start, i, text ??= new StringBuilder()) : slice.ToString()));
        }

        return runs;
    }

    /// <summary>Lines first to last joined by '\n', each without the '\r' it may end with.</summary>
    private static string WithoutCarriageReturns(string newText, (int Start, int Length)[] newLines, int first, int last, StringBuilder text)
    {
        text.Clear();
        for (var i = first; i <= last; i++)
        {
            if (i > first)
            {
                text.Append('\n');
            }

            var line = newText.AsSpan(newLines[i].Start, newLines[i].Length);
            text.Append(line.EndsWith('\r') ? line[..^1] : line);
        }

        return text.ToString();
    }

    /// <summary>Lines as git counts them: split at '\n' (a '\r' before it stays part of the line); no empty line after a final '\n'.</summary>
    internal static (int Start, int Length)[] SplitLines(string text)
    {
        var count = text.AsSpan().Count('\n') + (text.Length > 0 && text[^1] != '\n' ? 1 : 0);
        var lines = new (int Start, int Length)[count];
        var start = 0;
        for (var i = 0; i < count; i++)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            lines[i] = (start, end - start);
            start = end + 1;
        }

        return lines;
    }
}
