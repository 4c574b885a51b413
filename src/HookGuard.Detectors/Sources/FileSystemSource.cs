using System.Text;

namespace HookGuard.Detectors.Sources;

/// <summary>Files and directories on disk (<c>hookguard scan path</c>): whole files, one fragment each.</summary>
/// <param name="displayRoot">Findings name files relative to this folder (the repository root, so fingerprints match the hooks').</param>
/// <param name="excludePath">Whether a file, by that relative '/' path, is left out (the config's exclude globs).</param>
public sealed class FileSystemSource(string displayRoot, long maxFileBytes, Func<string, bool>? excludePath = null)
{
    /// <summary>Reads every file under <paramref name="paths"/> (directories recursively, .git folders skipped).</summary>
    /// <remarks>A file that cannot be read is counted in <see cref="ScanStatistics.UnreadableFiles"/> and the scan goes on.</remarks>
    public IReadOnlyList<ScanFragment> Read(IEnumerable<string> paths, ScanStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(statistics);
        var fragments = new List<ScanFragment>();
        foreach (var file in paths.SelectMany(ExpandFiles).Distinct(StringComparer.Ordinal))
        {
            var displayPath = DisplayPath(file);
            if (excludePath is not null && excludePath(displayPath))
            {
                statistics.ExcludedFiles++;
                continue;
            }

            byte[] bytes;
            try
            {
                if (new FileInfo(file).Length > maxFileBytes)
                {
                    statistics.LargeFilesSkipped++;
                    continue;
                }

                bytes = File.ReadAllBytes(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                statistics.UnreadableFiles++;
                continue;
            }

            if (!TextDecoding.TryDecode(bytes, out var text))
            {
                statistics.BinaryFilesSkipped++;
                continue;
            }

            statistics.Files++;
            statistics.Bytes += Encoding.UTF8.GetByteCount(text);
            fragments.Add(new ScanFragment(displayPath, 1, text));
        }

        return fragments;
    }

    private static IEnumerable<string> ExpandFiles(string path)
    {
        if (File.Exists(path))
        {
            return [Path.GetFullPath(path)];
        }

        if (!Directory.Exists(path))
        {
            throw new HookGuardUsageException($"no such file or directory: {path}");
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        return Directory.EnumerateFiles(path, "*", options)
            .Where(file => !IsInGitDirectory(Path.GetRelativePath(path, file)))
            .Select(Path.GetFullPath)
            .Order(StringComparer.Ordinal);
    }

    private static bool IsInGitDirectory(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).SkipLast(1).Contains(".git", StringComparer.Ordinal);

    /// <summary>Relative to the repository root (or the working directory) with '/' separators, as the fingerprint contract needs.</summary>
    private string DisplayPath(string file)
    {
        var relative = Path.GetRelativePath(displayRoot, file);
        return relative.Replace(Path.DirectorySeparatorChar, '/');
    }
}
