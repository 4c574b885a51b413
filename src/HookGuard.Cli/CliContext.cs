namespace HookGuard.Cli;

/// <summary>
/// Everything a command may touch outside itself: where it runs, the environment and the three
/// standard streams. Program.cs builds the real one; tests build one in memory.
/// </summary>
public sealed record CliContext(
    string WorkingDirectory,
    Func<string, string?> GetEnvironmentVariable,
    TextReader In,
    TextWriter Out,
    TextWriter Error,
    bool ErrorIsTerminal)
{
    /// <summary>Colour only for a terminal, and never when NO_COLOR is set (no-color.org).</summary>
    public bool UseColor(bool noColorOption) =>
        !noColorOption && ErrorIsTerminal && string.IsNullOrEmpty(GetEnvironmentVariable("NO_COLOR"));

    public string ResolvePath(string path) => Path.GetFullPath(path, WorkingDirectory);
}
