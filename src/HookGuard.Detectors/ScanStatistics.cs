namespace HookGuard.Detectors;

/// <summary>
/// What a scan looked at, filled in by the change source and reported as <c>scanned</c> in every report.
/// </summary>
public sealed class ScanStatistics
{
    /// <summary>Files (or stdin streams) whose text reached the engine.</summary>
    public int Files { get; set; }

    /// <summary>UTF-8 bytes of text given to the engine (for git sources: only the added lines).</summary>
    public long Bytes { get; set; }

    /// <summary>Commits scanned; 0 for staged, path and stdin scans.</summary>
    public int Commits { get; set; }

    /// <summary>Files skipped because they are binary (a NUL byte in the first 8000 bytes, as git decides).</summary>
    public int BinaryFilesSkipped { get; set; }

    /// <summary>Files skipped because they are larger than the size limit.</summary>
    public int LargeFilesSkipped { get; set; }

    /// <summary>Files (for commit scans: changed files, once per commit) left out by the config's <c>exclude</c> globs.</summary>
    public int ExcludedFiles { get; set; }

    /// <summary>Files that could not be read; a scan with unreadable files fails closed (exit 3) when nothing was found.</summary>
    public int UnreadableFiles { get; set; }
}
