using System.Text;
using HookGuard.TestKit;

namespace HookGuard.Hooks.Tests;

[TestFixture]
public sealed class HookTemplateTests
{
    private static IEnumerable<HookKind> AllHooks => Enum.GetValues<HookKind>();

    [TestCase(HookKind.PreCommit, "pre-commit")]
    [TestCase(HookKind.PrePush, "pre-push")]
    public void HookName_EveryHookKind_IsGitsName(HookKind hook, string name) =>
        Assert.That(HookInstaller.HookName(hook), Is.EqualTo(name));

    [Test]
    public void HookName_UnknownKind_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => HookInstaller.HookName((HookKind)99));

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

    [TestCase(HookKind.PreCommit, "git commit --no-verify")]
    [TestCase(HookKind.PrePush, "git push --no-verify")]
    public void Template_EveryHookKind_SaysHowToRemoveAndBypass(HookKind hook, string bypass)
    {
        var lines = Text(hook).Split('\n');
        Assert.That(lines[3], Does.Contain("hookguard uninstall"));
        Assert.That(lines[4], Does.Contain(bypass).And.Contain("HOOKGUARD_SKIP=1"));
        Assert.That(Text(hook), Does.Contain($"bypass once with '{bypass}' or HOOKGUARD_SKIP=1"));
    }

    [TestCase(HookKind.PreCommit, "blocks commits that add leaked API tokens")]
    [TestCase(HookKind.PrePush, "blocks pushes of commits that add leaked API tokens")]
    public void Template_EveryHookKind_SaysWhatItBlocks(HookKind hook, string purpose) =>
        Assert.That(Text(hook).Split('\n')[2], Does.Contain(purpose));

    [TestCaseSource(nameof(AllHooks))]
    public void Template_EveryHookKind_HasNoPlaceholderLeftAndNoOtherHooksName(HookKind hook)
    {
        var text = Text(hook);
        Assert.That(text, Does.Not.Match("@[A-Z_]+@"));
        foreach (var other in AllHooks.Where(other => other != hook))
        {
            // The script names pre-push in exactly one place: the test that decides whether stdin is kept.
            var withoutStdinTest = text.Replace("if [ \"$hookguard_hook\" = pre-push ]", "", StringComparison.Ordinal);
            Assert.That(withoutStdinTest, Does.Not.Contain(HookInstaller.HookName(other)));
            Assert.That(text, Does.Not.Contain($"git {HookTemplates.GitCommand(other)} "));
        }
    }

    [Test]
    public void Render_UnknownPlaceholder_Throws() =>
        Assert.Throws<InvalidOperationException>(() => HookTemplates.Render("#!/bin/sh\n# @HOOK@ @NEW_THING@\n", HookKind.PrePush));

    [TestCaseSource(nameof(AllHooks))]
    public void Template_EveryHookKind_HandsOffToHookCommand(HookKind hook) =>
        Assert.That(Text(hook), Does.EndWith($"\nhookguard_run \"$hookguard\" hook {HookInstaller.HookName(hook)} \"$@\"\n"));

    [TestCaseSource(nameof(AllHooks))]
    public void Template_EveryHookKind_IsRenderedFromTheFileInHooksFolder(HookKind hook)
    {
        var source = File.ReadAllText(SourceTree.PathOf("hooks/hook-template.sh"));
        Assert.That(HookTemplates.Template(hook).ToArray(), Is.EqualTo(Encoding.UTF8.GetBytes(HookTemplates.Render(source, hook))));
    }

    [TestCaseSource(nameof(AllHooks))]
    public void GlobalTemplate_DiffersOnlyInRunningTheRepositoryHook(HookKind hook)
    {
        var repository = Text(hook);
        var global = Encoding.UTF8.GetString(HookTemplates.Template(hook, runsRepositoryHook: true));

        Assert.That(repository, Does.Contain("hookguard_runs_repository_hook=0\n"));
        Assert.That(global, Is.EqualTo(repository.Replace("hookguard_runs_repository_hook=0\n", "hookguard_runs_repository_hook=1\n", StringComparison.Ordinal)));
    }

    [TestCaseSource(nameof(AllHooks))]
    public void Block_IsTheScriptWithoutCommentsInASubshell_AndNotMistakenForOurScript(HookKind hook)
    {
        var block = HookTemplates.Block(hook);
        var lines = block.TrimEnd('\n').Split('\n');

        Assert.That(lines[0], Is.EqualTo(HookTemplates.BlockBegin(hook)));
        Assert.That(lines[1], Is.EqualTo("("));
        Assert.That(lines[^2], Is.EqualTo(") || exit $?"));
        Assert.That(lines[^1], Is.EqualTo(HookTemplates.BlockEnd(hook)));
        Assert.That(lines[2..^2].Where(line => line.Length > 0), Is.All.StartsWith("    "));
        Assert.That(lines[2..^2].Select(line => line.TrimStart()), Has.None.StartsWith("#"));
        Assert.That(HookTemplates.IsOurs(Encoding.UTF8.GetBytes("#!/bin/sh\n" + block)), Is.False);
        Assert.That(block, Does.Contain($"hookguard_run \"$hookguard\" hook {HookInstaller.HookName(hook)} \"$@\""));
    }

    [Test]
    public void IsOurs_MarkerOnlyInsideALine_IsFalse() =>
        Assert.That(HookTemplates.IsOurs("#!/bin/sh\necho '# hookguard-managed-hook: pre-commit'\n"u8), Is.False);

    [Test]
    public void IsOurs_MarkerAfterCrLf_IsTrue() =>
        Assert.That(HookTemplates.IsOurs("#!/bin/sh\r\n# hookguard-managed-hook: pre-commit\r\n"u8), Is.True);

    [Test]
    public void Template_SyntaxCheck_Passes(
        [Values("sh", "dash", "bash")] string shell, [ValueSource(nameof(AllHooks))] HookKind hook, [Values("repository", "global", "block")] string form)
    {
        var content = form switch
        {
            "repository" => HookTemplates.Template(hook).ToArray(),
            "global" => HookTemplates.Template(hook, runsRepositoryHook: true).ToArray(),
            _ => Encoding.UTF8.GetBytes("#!/bin/sh\necho 'team command'\n\n" + HookTemplates.Block(hook)),
        };
        var shellPath = TestFiles.FindOnPath(shell);
        if (shellPath is null)
        {
            Assert.Ignore($"{shell} is not installed here");
        }

        var directory = Directory.CreateTempSubdirectory("hookguard-template-");
        try
        {
            var script = Path.Combine(directory.FullName, HookInstaller.HookName(hook));
            File.WriteAllBytes(script, content);
            var result = ProcessRunner.Run(shellPath, ["-n", script], directory.FullName);
            Assert.That(result.ExitCode, Is.Zero, $"{shell} -n {HookInstaller.HookName(hook)} ({form}): {result.StandardError}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string Text(HookKind hook) => Encoding.UTF8.GetString(HookTemplates.Template(hook));
}
