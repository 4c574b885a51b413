namespace HookGuard.Detectors.RegexSource;

/// <summary>A rule file that is not valid JSON; line and column are 1-based.</summary>
internal sealed class RuleFileException(string fileName, long line, long column, string message) : Exception(message)
{
    public string FileName { get; } = fileName;

    public long Line { get; } = line;

    public long Column { get; } = column;
}
