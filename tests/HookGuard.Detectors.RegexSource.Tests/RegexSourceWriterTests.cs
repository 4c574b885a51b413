using HookGuard.Detectors.RegexSource;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace HookGuard.Detectors.RegexSource.Tests;

/// <summary>
/// The program that writes the built-in rules' [GeneratedRegex] declarations. HookGuard.Detectors.Tests checks the real
/// catalogue (every rule's regex is a generated one, matching as the interpreter does); these cases cover what the real
/// files may not hold: odd characters in a pattern, comments, duplicates, bad files.
/// </summary>
public sealed class RegexSourceWriterTests
{
    private static readonly string[] AlphaThenZeta = ["(?<secret>alpha)", "(?<secret>zeta)"];

    [TestCase("(?<secret>\"[A-Za-z0-9]{32}\")")]
    [TestCase(@"\b(?<secret>ab\\c\x22)\s")]
    [TestCase("(?<secret>acme)\n\t\u00e9\u2028\0")]
    [TestCase("\"\"\\\"")]
    [TestCase("")]
    public void Literal_AnyPattern_ReadsBackAsTheSameString(string pattern)
    {
        var literal = RegexSourceWriter.Literal(pattern);

        var expression = SyntaxFactory.ParseExpression(literal);
        Assert.That(expression.GetDiagnostics(), Is.Empty, literal);
        Assert.That(expression, Is.InstanceOf<LiteralExpressionSyntax>(), literal);
        Assert.That(((LiteralExpressionSyntax)expression).Token.ValueText, Is.EqualTo(pattern));
        Assert.That(literal, Does.Not.Contain("\n").And.Not.Contain("\u2028"), "no raw line break in the source file");
    }

    [Test]
    public void Write_Patterns_DeclaresOneGeneratedRegexPerPatternAndFindsEach()
    {
        string[] patterns = ["(?<secret>a\"b)", @"(?<secret>c\d)", "(?<secret>\u00e9)"];

        var source = RegexSourceWriter.Write(patterns);

        var tree = CSharpSyntaxTree.ParseText(source);
        Assert.That(tree.GetDiagnostics(), Is.Empty);
        var root = tree.GetRoot();
        var declared = root.DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Where(method => method.AttributeLists.SelectMany(list => list.Attributes).Any(IsGeneratedRegex))
            .Select(method => (Name: method.Identifier.ValueText, Pattern: PatternOf(method), Arguments: ArgumentsOf(method)))
            .ToList();
        var found = root.DescendantNodes().OfType<SwitchExpressionArmSyntax>()
            .Where(arm => arm.Pattern is ConstantPatternSyntax)
            .Select(arm => (Pattern: ValueOf(((ConstantPatternSyntax)arm.Pattern).Expression), Call: arm.Expression.ToString()))
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(declared.Select(d => d.Pattern), Is.EqualTo(patterns));
            Assert.That(declared.Select(d => d.Name), Is.Unique);
            Assert.That(declared.Select(d => d.Arguments), Has.All.EqualTo("PatternOptions, MatchTimeoutMilliseconds"),
                "the options and time limit are the constants the interpreter uses too");
            Assert.That(found, Is.EqualTo(declared.Select(d => (d.Pattern, d.Name + "()"))), "Find returns each pattern's own method");
        });
    }

    [Test]
    public void ReadPatterns_FilesWithCommentsOutOfOrder_PatternsInCatalogueOrderEachOnce()
    {
        const string Zeta = """
            {
              // a comment, as the catalogue's reader allows
              "provider": "Zeta",
              "rules": [ { "id": "zeta-key", "pattern": "(?<secret>zeta)" }, { "id": "zeta-other", "pattern": "(?<secret>alpha)" }, ],
            }
            """;
        const string Alpha = """{ "provider": "Alpha", "rules": [ { "id": "alpha-key", "pattern": "(?<secret>alpha)" }, { "id": "no-pattern" } ] }""";

        var patterns = RegexSourceWriter.ReadPatterns([("zeta.json", Zeta), ("alpha.json", Alpha)]);

        Assert.That(patterns, Is.EqualTo(AlphaThenZeta), "file names ordinally, then position; a repeated pattern once; a rule without one skipped");
    }

    [Test]
    public void ReadPatterns_InvalidJson_NamesTheFileAndLine()
    {
        var error = Assert.Throws<RuleFileException>(() => RegexSourceWriter.ReadPatterns([("broken.json", "{\n  \"rules\": [\n    { \"pattern\": }\n  ]\n}")]));

        Assert.That((error!.FileName, error.Line), Is.EqualTo(("broken.json", 3L)));
    }

    private static bool IsGeneratedRegex(AttributeSyntax attribute) => attribute.Name.ToString().EndsWith("GeneratedRegex", StringComparison.Ordinal);

    private static AttributeSyntax GeneratedRegexOf(MethodDeclarationSyntax method) =>
        method.AttributeLists.SelectMany(list => list.Attributes).Single(IsGeneratedRegex);

    private static string PatternOf(MethodDeclarationSyntax method) => ValueOf(GeneratedRegexOf(method).ArgumentList!.Arguments[0].Expression);

    private static string ArgumentsOf(MethodDeclarationSyntax method) =>
        string.Join(", ", GeneratedRegexOf(method).ArgumentList!.Arguments.Skip(1).Select(argument => argument.ToString()));

    private static string ValueOf(ExpressionSyntax literal) => ((LiteralExpressionSyntax)literal).Token.ValueText;
}
