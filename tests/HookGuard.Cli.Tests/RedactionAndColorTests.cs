using HookGuard.TestKit;

namespace HookGuard.Cli.Tests;

/// <summary>
/// No output ever holds a full secret: every report format, the hook's message and every error path, including errors
/// that quote what the user typed. And colour only where a person reads a terminal.
/// </summary>
public class RedactionAndColorTests
{
    private const string Rule = "github-personal-access-token";

    private static readonly string[] Formats = ["text", "json", "sarif"];

    private TempRepository _repo = null!;

    [SetUp]
    public void SetUp() => _repo = TempRepository.Create();

    [TearDown]
    public void TearDown() => _repo.Dispose();

    private static void AssertRedacted(ProcessResult result, string token, string what)
    {
        var output = result.StandardOutput + result.StandardError;
        Assert.That(output, Does.Not.Contain(token), what);
        // At most the first 4 characters survive, followed by the mask.
        Assert.That(output, Does.Not.Contain(token[..5]), what);
    }

    [TestCaseSource(nameof(Formats))]
    public void ScanStdin_EveryFormat_ShowsAtMostFourCharactersAndTheLength(string format)
    {
        var token = Tool.Token(Rule);

        var result = Tool.Run(_repo.Root, ["scan", "stdin", "--format", format], stdin: $"GITHUB_TOKEN={token}\n");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        AssertRedacted(result, token, format);
        Assert.That(result.StandardOutput, Does.Contain($"{token[..4]}**** ({token.Length} chars)"));
    }

    [Test]
    public void ScanStdin_AllowedFindingInEveryFormat_IsRedactedToo()
    {
        var token = Tool.Token(Rule);
        foreach (var format in Formats)
        {
            var result = Tool.Run(_repo.Root, ["scan", "stdin", "--format", format], stdin: $"GITHUB_TOKEN={token} # hookguard:allow\n");

            Assert.That(result.ExitCode, Is.Zero, format);
            AssertRedacted(result, token, format);
        }
    }

    /// <summary>Errors that quote an argument or a config value: a token pasted in the wrong place must not be echoed.</summary>
    [Test]
    public void ErrorPaths_TokenTypedAsAnArgumentOrConfigValue_OneLineWithoutTheToken()
    {
        var token = Tool.Token(Rule);
        _repo.Write("README.md", "hello\n");
        _repo.Stage("README.md");
        _repo.Commit("initial");
        _repo.Write("bad-rules.json", $"{{ \"disableRules\": [\"{token}\"] }}\n");
        _repo.Write("bad-type.json", $"{{ \"maxFileSize\": \"{token}\" }}\n");
        _repo.Write("bad-regex.json", $"{{ \"allow\": {{ \"regexes\": [\"({token}\"] }} }}\n");
        _repo.Write("bad-ignore/.hookguardignore", $"{token}\n");
        string[][] commands =
        [
            ["explain", token],
            ["ignore", token, "--reason", "oops"],
            ["scan", "range", $"{token}..HEAD"],
            ["scan", "path", token],
            ["scan", "stdin", "--format", token],
            ["rules", "--format", token],
            ["scan", "path", "README.md", "--config", "bad-rules.json"],
            ["scan", "path", "README.md", "--config", "bad-type.json"],
            ["scan", "path", "README.md", "--config", "bad-regex.json"],
            ["scan", "path", "README.md", "--baseline", "bad-ignore/.hookguardignore"],
            ["scan", "path", "README.md", "--config", token],
        ];

        foreach (var command in commands)
        {
            var result = Tool.Run(_repo.Root, command, environment: _repo.Environment);

            var shown = string.Join(' ', command).Replace(token, "<token>", StringComparison.Ordinal);
            Assert.That(result.ExitCode, Is.EqualTo(2).Or.EqualTo(3), shown);
            Assert.That(result.StandardError.TrimEnd().Split('\n'), Has.Length.EqualTo(1), shown + "\n" + result.StandardError);
            AssertRedacted(result, token, shown);
        }
    }

    [Test]
    public void HookPreCommit_ConfigErrorQuotingAToken_BlocksWithoutTheToken()
    {
        var token = Tool.Token(Rule);
        _repo.Write(".hookguard.json", $"{{ \"disableRules\": [\"{token}\"] }}\n");

        var result = Tool.Run(_repo.Root, ["hook", "pre-commit"], environment: _repo.Environment);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.StandardError, Does.Contain("cannot scan this commit, so it is blocked").And.Contain(".hookguard.json:1:"));
        AssertRedacted(result, token, "hook");
    }

    private static ProcessResult RunOnTerminal(string[] args, string stdin, string? noColor)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(
            Path.GetTempPath(),
            name => name == "NO_COLOR" ? noColor : null,
            new StringReader(stdin),
            output,
            error,
            ErrorIsTerminal: true,
            OutIsTerminal: true);
        var exitCode = CliApplication.Run(args, context);
        return new ProcessResult(exitCode, output.ToString(), error.ToString());
    }

    [Test]
    public void ScanReport_OnATerminal_IsColouredUnlessNoColorOrTheOption()
    {
        var stdin = $"GITHUB_TOKEN={Tool.Token(Rule)}\n";

        var coloured = RunOnTerminal(["scan", "stdin"], stdin, noColor: null);
        var noColorVariable = RunOnTerminal(["scan", "stdin"], stdin, noColor: "1");
        var noColorOption = RunOnTerminal(["scan", "stdin", "--no-color"], stdin, noColor: null);
        var redirected = Tool.Run(Path.GetTempPath(), ["scan", "stdin"], stdin: stdin);

        // Ordinal: a culture-aware search ignores the escape character and would find any '['.
        Assert.That(coloured.StandardOutput.Contains(Escape, StringComparison.Ordinal), Is.True);
        Assert.That(noColorVariable.StandardOutput.Contains(Escape, StringComparison.Ordinal), Is.False);
        Assert.That(noColorOption.StandardOutput.Contains(Escape, StringComparison.Ordinal), Is.False);
        Assert.That(redirected.StandardOutput.Contains(Escape, StringComparison.Ordinal), Is.False, "a report piped to a file or a program has no escape codes");
    }

    [Test]
    public void ScanReport_JsonOnATerminal_HasNoEscapeCodes()
    {
        var result = RunOnTerminal(["scan", "stdin", "--format", "json"], $"GITHUB_TOKEN={Tool.Token(Rule)}\n", noColor: null);

        Assert.That(result.StandardOutput.Contains(Escape, StringComparison.Ordinal), Is.False);
    }

    private const string Escape = "\u001b[";
}
