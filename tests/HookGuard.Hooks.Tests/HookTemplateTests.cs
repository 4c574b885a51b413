using System.Text;
using HookGuard.TestKit;

namespace HookGuard.Hooks.Tests;

[TestFixture]
public sealed class HookTemplateTests
{
    private static IEnumerable<HookKind> AllHooks => Enum.GetValues<HookKind>();

    [Test]
    public void HookName_PreCommit_IsGitsName() =>
        Assert.That(HookInstaller.HookName(HookKind.PreCommit), Is.EqualTo("pre-commit"));

    [TestCaseSource(nameof(AllHooks))]
    public void Template_EveryHookKind_IsEmbedded(HookKind hook) =>
        Assert.That(HookTemplates.Template(hook).Length, Is.GreaterThan(0));

    [TestCaseSource(nameof(AllHooks))]
    public void Template_EveryHookKind_HasNoCarriageReturn(HookKind hook) =>
        Assert.That(HookTemplates.Template(hook).ToArray(), Does.Not.Contain((byte)'\r'));

    [TestCaseSource(nameof(AllHooks))]
    public void Template_EveryHookKind_StartsWithPosixShebang(HookKind hook) =>
        Assert.That(Text(hook), Does.StartWith("#!/bin/sh\n"));

    [TestCaseSource(nameof(AllHooks))]
    public void Template_EveryHookKind_CarriesItsMarkerLine(HookKind hook)
    {
        var lines = Text(hook).Split('\n');
        Assert.That(lines[1], Is.EqualTo(HookInstaller.Marker + " " + HookInstaller.HookName(hook)));
        Assert.That(HookTemplates.IsOurs(HookTemplates.Template(hook)), Is.True);
    }

    [TestCaseSource(nameof(AllHooks))]
    public void Template_EveryHookKind_SaysHowToRemoveAndBypass(HookKind hook)
    {
        var text = Text(hook);
        Assert.That(text, Does.Contain("hookguard uninstall"));
        Assert.That(text, Does.Contain("git commit --no-verify"));
        Assert.That(text, Does.Contain("HOOKGUARD_SKIP=1"));
    }

    [TestCaseSource(nameof(AllHooks))]
    public void Template_EveryHookKind_HandsOffToHookCommand(HookKind hook) =>
        Assert.That(Text(hook), Does.Contain($"exec \"$hookguard\" hook {HookInstaller.HookName(hook)} \"$@\"\n"));

    [TestCaseSource(nameof(AllHooks))]
    public void Template_EveryHookKind_MatchesFileInHooksFolder(HookKind hook)
    {
        var source = Path.Combine(RepositoryRoot(), "hooks", HookInstaller.HookName(hook));
        Assert.That(File.ReadAllBytes(source), Is.EqualTo(HookTemplates.Template(hook).ToArray()));
    }

    [Test]
    public void IsOurs_MarkerOnlyInsideALine_IsFalse() =>
        Assert.That(HookTemplates.IsOurs("#!/bin/sh\necho '# hookguard-managed-hook: pre-commit'\n"u8), Is.False);

    [Test]
    public void IsOurs_MarkerAfterCrLf_IsTrue() =>
        Assert.That(HookTemplates.IsOurs("#!/bin/sh\r\n# hookguard-managed-hook: pre-commit\r\n"u8), Is.True);

    [TestCase("sh")]
    [TestCase("dash")]
    [TestCase("bash")]
    public void Template_SyntaxCheck_Passes(string shell)
    {
        var shellPath = TestFiles.FindOnPath(shell);
        if (shellPath is null)
        {
            Assert.Ignore($"{shell} is not installed here");
        }

        foreach (var hook in AllHooks)
        {
            var directory = Directory.CreateTempSubdirectory("hookguard-template-");
            try
            {
                var script = Path.Combine(directory.FullName, HookInstaller.HookName(hook));
                File.WriteAllBytes(script, HookTemplates.Template(hook).ToArray());
                var result = ProcessRunner.Run(shellPath, ["-n", script], directory.FullName);
                Assert.That(result.ExitCode, Is.Zero, $"{shell} -n {HookInstaller.HookName(hook)}: {result.StandardError}");
            }
            finally
            {
                directory.Delete(recursive: true);
            }
        }
    }

    private static string Text(HookKind hook) => Encoding.UTF8.GetString(HookTemplates.Template(hook));

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HookGuard.sln")))
            {
                return directory.FullName;
            }
        }

        // Built with --artifacts-path outside the clone: fall back to this source file's location.
        return Path.GetFullPath(Path.Combine(SourceDirectory(), "..", ".."));
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(path)!;
}
