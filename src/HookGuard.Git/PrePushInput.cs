using System.Buffers;
using HookGuard.Detectors;

namespace HookGuard.Git;

/// <summary>Reads what git writes to a pre-push hook's stdin: one line per ref being pushed.</summary>
public static class PrePushInput
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>
    /// Reads every line (a push of several refs writes one line each; other tools read only the first). Blank lines are
    /// ignored; no lines (nothing to push) gives an empty list.
    /// </summary>
    /// <exception cref="HookGuardUsageException">
    /// A line is not four fields with 40- or 64-digit hex ids. The message names the line's number, never its text.
    /// </exception>
    public static IReadOnlyList<PushUpdate> Parse(TextReader input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var updates = new List<PushUpdate>();
        var number = 0;
        while (input.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            updates.Add(ParseLine(line) ?? throw new HookGuardUsageException(
                $"unreadable pre-push input line {number}: expected '<local ref> <local sha> <remote ref> <remote sha>'"));
        }

        return updates;
    }

    private static PushUpdate? ParseLine(string line)
    {
        // Fields are split from the right: ids and remote ref names never hold a space, but the local side is what the user
        // named when it is not a ref (git push origin 'HEAD^{/fix the build}':refs/heads/x), which may.
        var fields = line.Split(' ');
        if (fields.Length < 4)
        {
            return null;
        }

        var localRef = string.Join(' ', fields[..^3]);
        var (localSha, remoteRef, remoteSha) = (fields[^3], fields[^2], fields[^1]);
        // An empty field (two spaces in a row) at the edge of the local side is no name.
        return localRef.Length > 0 && localRef[0] != ' ' && localRef[^1] != ' '
            && remoteRef.Length > 0 && IsObjectId(localSha) && IsObjectId(remoteSha)
            ? new PushUpdate(localRef, localSha, remoteRef, remoteSha)
            : null;
    }

    /// <summary>A full object id: SHA-1 (40 hex digits) or SHA-256 (64).</summary>
    private static bool IsObjectId(string value) =>
        value.Length is 40 or 64 && !value.AsSpan().ContainsAnyExcept(HexDigits);
}
