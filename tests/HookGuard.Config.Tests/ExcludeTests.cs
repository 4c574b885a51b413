namespace HookGuard.Config.Tests;

/// <summary>The config's <c>exclude</c> globs, with .gitignore's habits (see <c>ConfigLoader.Excludes</c>); paths are from the repository root.</summary>
[TestFixture]
public sealed class ExcludeTests : TempFolderFixture
{
    private bool Excluded(string glob, string path) =>
        Folder.LoadConfig($$"""{ "exclude": [{{System.Text.Json.JsonSerializer.Serialize(glob)}}] }""").ExcludePath!(path);

    // No slash: that name in any folder, file or folder.
    [TestCase("*.min.js", "a.min.js", true)]
    [TestCase("*.min.js", "web/js/a.min.js", true)]
    [TestCase("*.min.js", "a.min.js.map", false)]
    [TestCase("*.env", ".env", true)]
    [TestCase("*.env", "deploy/prod.env", true)]
    [TestCase("testdata", "testdata/x.txt", true)]
    [TestCase("testdata", "src/testdata/deep/x.txt", true)]
    [TestCase("testdata", "testdata", true)]
    [TestCase("testdata", "src/testdata", true)]
    [TestCase("testdata", "mytestdata/x.txt", false)]
    [TestCase("testdata", "testdata2/x.txt", false)]
    // A leading slash anchors at the root.
    [TestCase("/build", "build/x", true)]
    [TestCase("/build", "build", true)]
    [TestCase("/build", "build/deep/x.o", true)]
    [TestCase("/build", "src/build/x", false)]
    [TestCase("/build", "buildx/y", false)]
    [TestCase("/docs/", "docs/x.md", true)]
    [TestCase("/docs/", "a/docs/x.md", false)]
    // A slash inside: relative to the root (a backslash counts as one).
    [TestCase("docs/*.md", "docs/a.md", true)]
    [TestCase("docs/*.md", "docs/sub/a.md", false)]
    [TestCase("docs/*.md", "other/docs/a.md", false)]
    [TestCase("src/generated", "src/generated/a.cs", true)]
    [TestCase("src/generated", "lib/src/generated/a.cs", false)]
    [TestCase("docs\\*.md", "docs/a.md", true)]
    // ** matches at any depth.
    [TestCase("**/fixtures/**", "fixtures/x.txt", true)]
    [TestCase("**/fixtures/**", "a/fixtures/b.txt", true)]
    [TestCase("**/fixtures/**", "a/b/fixtures/c/d/e.txt", true)]
    [TestCase("**/fixtures/**", "a/fixtures2/b.txt", false)]
    [TestCase("docs/**/*.md", "docs/a.md", true)]
    [TestCase("docs/**/*.md", "docs/x/y/a.md", true)]
    [TestCase("docs/**/*.md", "docs/x/y/a.txt", false)]
    // A folder covers everything in it.
    [TestCase("vendor/", "vendor/a/b.go", true)]
    [TestCase("vendor/", "vendor/a.go", true)]
    [TestCase("vendor/", "src/vendor/a/b.go", true)]
    [TestCase("vendor/", "vendors/a.go", false)]
    [TestCase("logs/*", "logs/a/b.log", true)]
    // Case-sensitive, on every platform.
    [TestCase("*.min.js", "a.MIN.JS", false)]
    [TestCase("*.MIN.JS", "a.min.js", false)]
    [TestCase("testdata", "TestData/x.txt", false)]
    [TestCase("/Build", "build/x", false)]
    public void ExcludePath_Glob_MatchesWithGitignoreHabits(string glob, string path, bool excluded)
    {
        Assert.That(Excluded(glob, path), Is.EqualTo(excluded));
    }

    [Test]
    public void ExcludePath_SeveralPatterns_AnyOneExcludes()
    {
        var exclude = Folder.LoadConfig("""{ "exclude": ["*.min.js", "/build", "docs/*.md"] }""").ExcludePath!;

        Assert.That((exclude("a/b.min.js"), exclude("build/x"), exclude("docs/a.md"), exclude("src/a.cs")), Is.EqualTo((true, true, true, false)));
    }

    [Test]
    public void ExcludePath_NoOrEmptyExclude_IsNull()
    {
        Assert.That(Folder.LoadConfig("""{ "exclude": [] }""").ExcludePath, Is.Null);
        Assert.That(Folder.LoadConfig("{}").ExcludePath, Is.Null);
    }
}
