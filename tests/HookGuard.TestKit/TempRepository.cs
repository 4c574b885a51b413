using System.Runtime.CompilerServices;
using System.Text;

namespace HookGuard.TestKit;

/// <summary>
/// A git repository in a fresh temporary directory, driven by the real git executable with a hermetic
/// environment (no system or user config, no inherited GIT_DIR), deleted on dispose.
/// </summary>
public sealed class TempRepository : IDisposable
{
    // Inherited from a surrounding git process (tests run from a hook, say) or a developer's shell, these would
    // point git at another repository, another identity, or switch our hooks off.
    private static readonly string[] InheritedVariables =
    [
        "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_PREFIX", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT",
        "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_AUTHOR_DATE", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL",
        "GIT_COMMITTER_DATE", "HOOKGUARD_SKIP",
    ];

    private readonly string _baseDirectory;
    private readonly Dictionary<string, string?> _environment;
    private readonly List<TempRepository> _remotes = [];

    private TempRepository(string baseDirectory, string root, Dictionary<string, string?> environment)
    {
        _baseDirectory = baseDirectory;
        Root = root;
        _environment = environment;
    }

    /// <summary>The working tree, or the repository directory itself when bare.</summary>
    public string Root { get; }

    /// <summary>What every git call made through this object runs with; null values remove a variable.</summary>
    public IReadOnlyDictionary<string, string?> Environment => _environment;

    public static TempRepository Create(bool bare = false)
    {
        // Canonical, so that paths git prints (it resolves symlinks, as in macOS's /var) compare equal to ours.
        var baseDirectory = ResolveLinks(Directory.CreateTempSubdirectory("hookguard-test-").FullName);
        var configPath = Path.Combine(baseDirectory, "gitconfig");
        File.WriteAllText(configPath, """
            [user]
                name = HookGuard Test
                email = test@example.invalid
            [init]
                defaultBranch = main
            [commit]
                gpgsign = false
            [core]
                autocrlf = false
            [protocol "file"]
                # git 2.38.1+ refuses local submodule clones otherwise.
                allow = always
            """.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n", new UTF8Encoding(false));

        var environment = InheritedVariables.ToDictionary(name => name, _ => (string?)null, StringComparer.Ordinal);
        environment["GIT_CONFIG_NOSYSTEM"] = "1";
        environment["GIT_CONFIG_GLOBAL"] = configPath;
        // Discovery never climbs out of the test directory into a repository that happens to surround it.
        environment["GIT_CEILING_DIRECTORIES"] = baseDirectory;
        // Nothing may wait for a person: no password prompt, and an editor that returns at once.
        environment["GIT_TERMINAL_PROMPT"] = "0";
        environment["GIT_EDITOR"] = ":";

        var root = Path.Combine(baseDirectory, bare ? "repo.git" : "repo");
        Directory.CreateDirectory(root);
        var repository = new TempRepository(baseDirectory, root, environment);
        try
        {
            repository.GitOrThrow(bare ? ["init", "--quiet", "--bare"] : ["init", "--quiet"]);
        }
        catch
        {
            repository.Dispose();
            throw;
        }

        return repository;
    }

    public void SetEnvironment(string name, string? value) => _environment[name] = value;

    /// <summary>Writes UTF-8 without a BOM, creating folders; returns the full path.</summary>
    public string Write(string relativePath, string content) =>
        WriteBytes(relativePath, new UTF8Encoding(false).GetBytes(content));

    public string WriteBytes(string relativePath, byte[] content)
    {
        var fullPath = FullPath(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        File.WriteAllBytes(fullPath, content);
        return fullPath;
    }

    /// <summary><c>git add -- paths</c>; with no paths, <c>git add --all</c>.</summary>
    public void Stage(params string[] relativePaths)
    {
        ArgumentNullException.ThrowIfNull(relativePaths);
        GitOrThrow(relativePaths.Length == 0 ? ["add", "--all"] : ["add", "--", .. relativePaths]);
    }

    /// <summary>Commits what is staged and returns the new commit's full id.</summary>
    public string Commit(string message = "commit", bool runHooks = false)
    {
        GitOrThrow(runHooks ? ["commit", "--quiet", "-m", message] : ["commit", "--quiet", "--no-verify", "-m", message]);
        return GitOrThrow("rev-parse", "HEAD").StandardOutput.Trim();
    }

    /// <summary>Runs git in <see cref="Root"/>; a non-zero exit code is returned, not thrown.</summary>
    /// <remarks>
    /// Preferred over the overload with standard input: C# would otherwise bind <c>Git("status", "--short")</c> to it
    /// and pass "status" as input. To give git input, pass the arguments as an array: <c>Git(input, ["hash-object", "--stdin"])</c>.
    /// </remarks>
    [OverloadResolutionPriority(1)]
    public ProcessResult Git(params string[] arguments) => Git(null, arguments);

    /// <summary>Runs git in <see cref="Root"/> with <paramref name="standardInput"/> on its stdin.</summary>
    public ProcessResult Git(string? standardInput, params string[] arguments) =>
        ProcessRunner.Run("git", arguments, Root, _environment, standardInput);

    /// <summary>Creates a bare repository elsewhere and adds it as a remote; it is disposed with this one.</summary>
    public TempRepository AddBareRemote(string name = "origin")
    {
        var remote = Create(bare: true);
        _remotes.Add(remote);
        GitOrThrow("remote", "add", name, remote.Root);
        return remote;
    }

    /// <summary>
    /// A teammate's fresh clone of this repository: its own temporary directory and its own global config, as on
    /// another machine. Disposed with this one.
    /// </summary>
    public TempRepository CloneAsTeammate()
    {
        var clone = Create();
        _remotes.Add(clone);
        Directory.Delete(clone.Root, recursive: true);
        var result = ProcessRunner.Run("git", ["clone", "--quiet", Root, clone.Root], clone._baseDirectory, clone._environment);
        return result.ExitCode == 0
            ? clone
            : throw new InvalidOperationException($"git clone failed (exit code {result.ExitCode}): {result.StandardError}");
    }

    /// <summary>The folder holding this repository and its private config: a place for a test's other files.</summary>
    public string ScratchDirectory(string name) => Directory.CreateDirectory(Path.Combine(_baseDirectory, name)).FullName;

    public void Dispose()
    {
        foreach (var remote in _remotes)
        {
            remote.Dispose();
        }

        _remotes.Clear();
        DeleteDirectory(_baseDirectory);
    }

    private string FullPath(string relativePath)
    {
        var fullPath = Path.GetFullPath(Path.Combine(Root, relativePath));
        if (!fullPath.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{relativePath}' is not inside the repository", nameof(relativePath));
        }

        return fullPath;
    }

    private ProcessResult GitOrThrow(params string[] arguments)
    {
        var result = Git(arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"git {string.Join(' ', arguments)} failed with exit code {result.ExitCode}:\n{result.StandardError}{result.StandardOutput}");
        }

        return result;
    }

    private static string ResolveLinks(string path)
    {
        var resolved = Path.GetPathRoot(path)!;
        foreach (var part in path[resolved.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            resolved = Path.Combine(resolved, part);
            if (new DirectoryInfo(resolved).ResolveLinkTarget(returnFinalTarget: true) is { } target)
            {
                resolved = target.FullName;
            }
        }

        return resolved;
    }

    private static void DeleteDirectory(string path)
    {
        if (!Directory.Exists(path))
        {
            return;
        }

        // git writes objects read-only, which blocks deletion on Windows.
        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
        {
            try
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }
            catch (IOException)
            {
                // A dangling symlink or a vanished file; the recursive delete below copes with both.
            }
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(path, recursive: true);
                return;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                if (attempt == 3)
                {
                    // A leaked temp directory must not fail the test that used it.
                    return;
                }

                // A process that just exited (git, a hook) may still hold a handle for a moment on Windows.
                Thread.Sleep(100 * attempt);
            }
        }
    }
}
