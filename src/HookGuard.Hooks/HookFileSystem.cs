using HookGuard.Detectors;

namespace HookGuard.Hooks;

/// <summary>The file operations the installer needs, each turning an I/O failure into a one-line environment error.</summary>
internal static class HookFileSystem
{
    /// <summary>The file's bytes; null when nothing is there; empty for a dangling symbolic link (a foreign hook).</summary>
    public static byte[]? ReadIfPresent(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                throw new HookGuardEnvironmentException($"{path} is a directory, not a hook script");
            }

            var info = new FileInfo(path);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is not { Exists: true })
            {
                return [];
            }

            return info.Exists ? File.ReadAllBytes(path) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HookGuardEnvironmentException($"cannot read {path}: {ex.Message}", ex);
        }
    }

    /// <summary>False only on Unix when the owner may not execute the file (git then skips the hook).</summary>
    public static bool IsExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        try
        {
            return (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HookGuardEnvironmentException($"cannot read the mode of {path}: {ex.Message}", ex);
        }
    }

    public static bool PathIsTaken(string path) =>
        File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    /// <summary>Writes a new script next to its final name, makes it executable (0755), then renames it into place.</summary>
    public static void WriteScript(string path, ReadOnlySpan<byte> content)
    {
        var temporary = Path.Combine(
            Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.hookguard-{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(content);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary,
                    UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                    UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
                    UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new HookGuardEnvironmentException($"cannot write {path}: {ex.Message}", ex);
        }
    }

    /// <summary>Rewrites an existing file in place, so its mode, owner and links stay the user's.</summary>
    public static void Rewrite(string path, byte[] content)
    {
        try
        {
            File.WriteAllBytes(path, content);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HookGuardEnvironmentException($"cannot write {path}: {ex.Message}", ex);
        }
    }

    public static void Move(string from, string to)
    {
        try
        {
            File.Move(from, to, overwrite: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HookGuardEnvironmentException($"cannot move {from} to {to}: {ex.Message}", ex);
        }
    }

    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HookGuardEnvironmentException($"cannot delete {path}: {ex.Message}", ex);
        }
    }

    public static void CreateDirectory(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HookGuardEnvironmentException($"cannot create the hooks directory {path}: {ex.Message}", ex);
        }
    }

    /// <summary>Deletes <paramref name="path"/> when it is an empty directory; anything else is left.</summary>
    public static void DeleteIfEmptyDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path) && !Directory.EnumerateFileSystemEntries(path).Any())
            {
                Directory.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: an empty folder left behind harms nothing.
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the temporary file is hidden and named for us.
        }
    }
}
