namespace HookGuard.Detectors;

/// <summary>
/// A run of consecutive lines to scan, with where they came from. Change sources (staged additions,
/// files on disk, stdin) produce fragments; the engine never knows which source it is reading.
/// </summary>
/// <param name="Path">Path relative to the repository root with '/' separators, or a display name.</param>
/// <param name="StartLine">1-based line number of the first line of <paramref name="Text"/> in the new file.</param>
/// <param name="Text">The lines, joined with '\n' (no '\r').</param>
/// <param name="Commit">Full commit id the lines were added in, or null for staged, path and stdin scans.</param>
public sealed record ScanFragment(string Path, int StartLine, string Text, string? Commit = null);
