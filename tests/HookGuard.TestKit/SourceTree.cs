using System.Runtime.CompilerServices;

namespace HookGuard.TestKit;

/// <summary>
/// Finds files of this repository from a test. Test binaries normally live inside the clone, but a
/// build may put them elsewhere (--artifacts-path), and a CI build maps compile-time source paths
/// to "/_/" (ContinuousIntegrationBuild), so neither location alone is reliable.
/// </summary>
public static class SourceTree
{
    private const string MappedSourceRoot = "/_/";

    /// <summary>The root of the clone: the folder holding HookGuard.sln.</summary>
    public static string Root { get; } = LocateRoot();

    /// <summary>A path relative to the clone's root, e.g. <c>hooks/hook-template.sh</c>.</summary>
    public static string PathOf(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    /// <summary>The real location of a source file named by [CallerFilePath], mapped or not.</summary>
    public static string Resolve(string callerFilePath)
    {
        ArgumentNullException.ThrowIfNull(callerFilePath);
        var normalized = callerFilePath.Replace('\\', '/');
        return normalized.StartsWith(MappedSourceRoot, StringComparison.Ordinal)
            ? PathOf(normalized[MappedSourceRoot.Length..])
            : callerFilePath;
    }

    private static string LocateRoot([CallerFilePath] string thisFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(thisFile) ?? "" })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "HookGuard.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"cannot find the HookGuard clone (HookGuard.sln) above {AppContext.BaseDirectory} or {thisFile}");
    }
}
