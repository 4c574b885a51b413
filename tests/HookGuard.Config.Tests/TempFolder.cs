namespace HookGuard.Config.Tests;

/// <summary>A fresh temporary folder for a test's config, ignore and baseline files, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Root = Directory.CreateTempSubdirectory("hookguard-config-").FullName;

    public string Root { get; }

    /// <summary>The full path of <paramref name="relative"/> ('/' separators) inside the folder.</summary>
    public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="relative"/>, creating folders; returns the full path.</summary>
    public string Write(string relative, string text)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Creates the folder <paramref name="relative"/>; returns its full path.</summary>
    public string Folder(string relative) => Directory.CreateDirectory(PathOf(relative)).FullName;

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>A fixture whose every test gets its own <see cref="TempFolder"/>.</summary>
public abstract class TempFolderFixture
{
    protected TempFolder Folder { get; private set; } = null!;

    [SetUp]
    public void CreateFolder() => Folder = new TempFolder();

    [TearDown]
    public void DeleteFolder() => Folder.Dispose();
}
