using System.Runtime.CompilerServices;

namespace HookGuard.TestKit;

/// <summary>
/// Golden-file checks: the expected text lives beside the test as <c>Name.approved.txt</c>. On a
/// mismatch the actual text is written to <c>Name.received.txt</c> and both paths are reported;
/// set HOOKGUARD_APPROVE=1 to accept the received text as the new approved one.
/// </summary>
public static class Approvals
{
    /// <summary>Returns null when <paramref name="actual"/> equals the approved file, else a message naming both files.</summary>
    public static string? Verify(string actual, string name, [CallerFilePath] string testFile = "")
    {
        ArgumentNullException.ThrowIfNull(actual);
        var folder = Path.Combine(Path.GetDirectoryName(SourceTree.Resolve(testFile))!, "Approved");
        Directory.CreateDirectory(folder);
        var approved = Path.Combine(folder, name + ".approved.txt");
        var received = Path.Combine(folder, name + ".received.txt");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("HOOKGUARD_APPROVE") == "1")
        {
            File.WriteAllText(approved, actual);
        }

        var expected = File.Exists(approved) ? File.ReadAllText(approved).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return null;
        }

        File.WriteAllText(received, actual);
        return expected is null
            ? $"no approved file yet: review {received} and rename it to {approved} (or run with HOOKGUARD_APPROVE=1)"
            : $"output differs from {approved}; actual output written to {received} (diff them; HOOKGUARD_APPROVE=1 accepts it)";
    }
}
