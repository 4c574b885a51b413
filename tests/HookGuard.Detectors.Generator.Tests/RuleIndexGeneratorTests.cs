using System.Collections.Immutable;
using HookGuard.Detectors.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace HookGuard.Detectors.Generator.Tests;

/// <summary>
/// The generator that indexes Rules/*.json into C#. The real catalogue is compared with its index in
/// HookGuard.Detectors.Tests; these cases cover what the real files may not hold yet: escapes, comments, bad files.
/// </summary>
public sealed class RuleIndexGeneratorTests
{
    private static readonly string[] AcmeKeywords = ["acme_", "Ab\\c"];
    private static readonly string[] AcmeAllowed = ["0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"];
    private static readonly string[] AcmeSupersedes = ["other-rule"];
    private static readonly string[] AlphaThenZeta = ["alpha-key", "zeta-key"];

    private const string Acme = """
        {
          // a comment, as the runtime reader allows
          "provider": "Acme",
          "rules": [
            {
              "id": "acme-api-key",
              "title": "Acme \"quoted\" key",
              "keywords": ["acme_", "Ab\\c"],
              "pattern": "(?<secret>acme_[A-Za-z0-9]{32})\\b\u00e9\n",
              "minEntropy": 3.5,
              "validator": "base64-prefix:{\"",
              "allow": ["sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"],
              "spansLines": true,
              "supersedes": ["other-rule"],
              "fallback": true,
              "remediation": { "summary": "never indexed" },
            },
          ],
        }
        """;

    [Test]
    public void Generate_RuleWithEscapesAndComments_IndexesEveryFieldAsWritten()
    {
        var (source, diagnostics) = Run(("/repo/Rules/acme.json", Acme));

        Assert.That(diagnostics, Is.Empty);
        var arguments = Entries(source).Single();
        Assert.Multiple(() =>
        {
            Assert.That(Text(arguments[0]), Is.EqualTo("acme-api-key"));
            Assert.That(Text(arguments[1]), Is.EqualTo("Acme \"quoted\" key"));
            Assert.That(Text(arguments[2]), Is.EqualTo("Acme"));
            Assert.That(Text(arguments[3]), Is.EqualTo("acme.json"));
            Assert.That(Text(arguments[4]), Is.EqualTo("Acme \"quoted\" key"), "matches falls back to the title");
            Assert.That(Texts(arguments[5]), Is.EqualTo(AcmeKeywords));
            Assert.That(Text(arguments[6]), Is.EqualTo("(?<secret>acme_[A-Za-z0-9]{32})\\b\u00e9\n"));
            Assert.That(arguments[7].ToString(), Is.EqualTo("3.5"));
            Assert.That(Text(arguments[8]), Is.EqualTo("base64-prefix:{\""));
            Assert.That(Texts(arguments[9]), Is.EqualTo(AcmeAllowed), "the sha256: prefix is dropped");
            Assert.That(arguments[10].ToString(), Is.EqualTo("true"));
            Assert.That(Texts(arguments[11]), Is.EqualTo(AcmeSupersedes));
            Assert.That(arguments[12].ToString(), Is.EqualTo("true"));
        });
        Assert.That(source, Does.Not.Contain("never indexed"), "remediation stays in the JSON");
    }

    [Test]
    public void Generate_SeveralFiles_OrdersRulesByFileNameAndIgnoresJsonOutsideRules()
    {
        var (source, diagnostics) = Run(
            ("/repo/Rules/zeta.json", Rule("zeta", "zeta-key")),
            ("/repo/Rules/alpha.json", Rule("alpha", "alpha-key")),
            ("/repo/Other/beta.json", Rule("beta", "beta-key")));

        Assert.That(diagnostics, Is.Empty);
        Assert.That(Entries(source).Select(a => Text(a[0])), Is.EqualTo(AlphaThenZeta));
    }

    [TestCase("{ \"provider\": \"Acme\", \"rules\": [ { \"id\": \"acme-key\", \"title\": \"t\", \"keywords\": [\"acme\"] } ] }", "rule acme-key has no 'pattern'")]
    [TestCase("{ \"provider\": \"Acme\",\n  \"rules\": [ { \"id\": \"acme-key\" ", "line 2")]
    [TestCase("{ \"rules\": [] }", "needs a 'provider'")]
    public void Generate_BadRuleFile_FailsTheBuildNamingTheFile(string json, string problem)
    {
        var (_, diagnostics) = Run(("/repo/Rules/acme.json", json));

        var error = diagnostics.Single();
        Assert.That(error.Id, Is.EqualTo("HG0001"));
        Assert.That(error.Severity, Is.EqualTo(DiagnosticSeverity.Error));
        Assert.That(error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), Does.StartWith("acme.json: ").And.Contain(problem));
    }

    private static string Rule(string provider, string id) =>
        $$"""{ "provider": "{{provider}}", "rules": [ { "id": "{{id}}", "title": "T", "keywords": ["k{{id}}"], "pattern": "(?<secret>x)" } ] }""";

    private static (string Source, ImmutableArray<Diagnostic> Diagnostics) Run(params (string Path, string Json)[] files)
    {
        var compilation = CSharpCompilation.Create("test", options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            generators: [new RuleIndexGenerator().AsSourceGenerator()],
            additionalTexts: files.Select(f => (AdditionalText)new InMemoryText(f.Path, f.Json)));
        var result = driver.RunGenerators(compilation).GetRunResult();
        var source = result.GeneratedTrees.Single().GetText().ToString();
        Assert.That(CSharpSyntaxTree.ParseText(source).GetDiagnostics(), Is.Empty, "the generated C# parses");
        return (source, result.Diagnostics);
    }

    /// <summary>The argument lists of the generated <c>new(...)</c> entries.</summary>
    private static List<ExpressionSyntax[]> Entries(string source) =>
        CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<ImplicitObjectCreationExpressionSyntax>()
            .Select(creation => creation.ArgumentList.Arguments.Select(a => a.Expression).ToArray())
            .ToList();

    private static string Text(ExpressionSyntax literal) => ((LiteralExpressionSyntax)literal).Token.ValueText;

    private static string[] Texts(ExpressionSyntax collection) =>
        ((CollectionExpressionSyntax)collection).Elements.Cast<ExpressionElementSyntax>().Select(e => Text(e.Expression)).ToArray();

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
