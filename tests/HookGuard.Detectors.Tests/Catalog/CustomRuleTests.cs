using HookGuard.Detectors.Catalog;

namespace HookGuard.Detectors.Tests.Catalog;

/// <summary>
/// <see cref="RuleCatalog.ParseCustom"/>: a config's rules, checked fully but with only what a scan needs required. Each
/// problem goes to the callback with the file index, the rule index (-1 for the file), the field at fault (null when
/// the field is missing: the config then names the rule's line) and the message.
/// </summary>
public class CustomRuleTests
{
    private const string SourceName = ".hookguard.json";
    private const string BuiltInId = "github-personal-access-token";

    private static IReadOnlySet<string> BuiltInIds => RuleCases.Catalog.Rules.Select(rule => rule.Id).ToHashSet(StringComparer.Ordinal);

    private static RuleModel Rule(string id = "acme-api-key") => new()
    {
        Id = id,
        Title = "Acme API key",
        Keywords = ["acme_"],
        Pattern = "(?<secret>acme_[a-z0-9]{24})",
        Remediation = new RemediationModel { EnvVar = "ACME_KEY", Summary = "An Acme key.", RevokeUrl = "https://acme.invalid/keys" },
    };

    private static RuleFileModel File(params RuleModel[] rules) => new() { Provider = "Acme", Rules = [.. rules] };

    private static (IReadOnlyList<RuleDefinition> Rules, List<(int File, int Rule, string? Field, string Message)> Errors) Parse(params RuleFileModel[] files)
    {
        var errors = new List<(int, int, string?, string)>();
        var rules = RuleCatalog.ParseCustom(files, SourceName, BuiltInIds, (file, rule, field, message) => errors.Add((file, rule, field, message)));
        return (rules, errors);
    }

    [Test]
    public void ParseCustom_RequiredFieldsOnly_LoadsWithoutErrors()
    {
        var (rules, errors) = Parse(File(Rule()));

        Assert.That(errors, Is.Empty);
        Assert.That((rules.Single().Id, rules.Single().Provider, rules.Single().SourceFile), Is.EqualTo(("acme-api-key", "Acme", SourceName)));
    }

    private static IEnumerable<TestCaseData> BrokenRules()
    {
        yield return Case("PatternWithoutSecretGroup", r => r.Pattern = "acme_[a-z0-9]{24}", "pattern", "pattern needs a named group 'secret'");
        yield return Case("PatternNotLinearTime", r => r.Pattern = "(?<secret>(acme)_\\1)", "pattern", "pattern does not compile with NonBacktracking");
        yield return Case("MissingPattern", r => r.Pattern = null, null, "pattern needs a named group 'secret'");
        yield return Case("HttpRevokeUrl", r => r.Remediation!.RevokeUrl = "http://acme.invalid/keys", "remediation.revokeUrl", "remediation.revokeUrl must be an https URL");
        yield return Case("MissingRevokeUrl", r => r.Remediation!.RevokeUrl = null, "remediation", "remediation.revokeUrl must be an https URL");
        yield return Case("LowerCaseEnvVar", r => r.Remediation!.EnvVar = "acme_key", "remediation.envVar", "remediation.envVar must be an UPPER_SNAKE_CASE name");
        yield return Case("EmptyGivenList", r => r.Remediation!.Risks = [], "remediation.risks", "remediation.risks needs at least one non-empty entry");
        yield return Case("MissingRemediation", r => r.Remediation = null, null, "remediation is missing");
        yield return Case("MissingTitle", r => r.Title = null, null, "title is required");
        yield return Case("BlankTitle", r => r.Title = " ", "title", "title is required");
        yield return Case("MissingId", r => r.Id = null, null, "id must be kebab-case");
        yield return Case("IdNotKebabCase", r => r.Id = "AcmeKey", "id", "id must be kebab-case");
        yield return Case("MissingKeywords", r => r.Keywords = null, null, "needs keywords");
        yield return Case("ShortKeyword", r => r.Keywords = ["ac"], "keywords", "needs keywords");
        yield return Case("SampleWithoutExamples", r => r.Sample = "acme_<<alnum:24>>", "sample", "needs a sample shape, examples and negatives");
        yield return Case("NegativesWithoutSample", r => r.Negatives = ["acme_x"], null, "needs a sample shape, examples and negatives");
        yield return Case("BadSampleShape", r => (r.Sample, r.Examples, r.Negatives) = ("acme_<<nope:3>>", ["K=<<secret>>"], ["x"]), "sample", "sample shape:");
        yield return Case("UnknownValidator", r => r.Validator = "crc99", "validator", "unknown validator 'crc99'");
        yield return Case("EntropyAboveEight", r => r.MinEntropy = 9, "minEntropy", "minEntropy must be between 0 and 8");
        yield return Case("AllowValueItself", r => r.Allow = ["acme_value"], "allow", "allow entries are \"sha256:\"");
        yield return Case("BuiltInId", r => r.Id = BuiltInId, "id", $"rule id '{BuiltInId}' is already taken by a built-in rule");
        yield return Case("SupersedesUnknownRule", r => r.Supersedes = ["no-such-rule"], "supersedes", "supersedes 'no-such-rule', which is not another rule");
        yield return Case("SupersedesItself", r => r.Supersedes = ["acme-api-key"], "supersedes", "supersedes 'acme-api-key', which is not another rule");

        static TestCaseData Case(string name, Action<RuleModel> breakIt, string? field, string message) =>
            new TestCaseData(breakIt, field, message).SetName($"ParseCustom_{name}_ReportsTheField");
    }

    [TestCaseSource(nameof(BrokenRules))]
    public void ParseCustom_BrokenRule_ReportsFileRuleFieldAndMessage(Action<RuleModel> breakIt, string? field, string message)
    {
        var broken = Rule("acme-api-key");
        breakIt(broken);

        var (_, errors) = Parse(File(Rule("acme-first-key")), File(Rule("acme-other-key"), broken));

        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That((errors[0].File, errors[0].Rule, errors[0].Field), Is.EqualTo((1, 1, field)));
        Assert.That(errors[0].Message, Does.StartWith(message).Using(StringComparison.Ordinal));
    }

    [Test]
    public void ParseCustom_FileWithoutProviderOrRules_ReportsTheFile()
    {
        var (rules, errors) = Parse(File(Rule()), new RuleFileModel { Rules = [Rule("acme-other-key")] }, new RuleFileModel { Provider = "Acme", Rules = [] }, new RuleFileModel { Provider = "Acme" });

        Assert.That(errors.Select(e => (e.File, e.Rule, e.Field)), Is.EqualTo(new (int, int, string?)[] { (1, -1, null), (2, -1, null), (3, -1, null) }));
        Assert.That(errors.Select(e => e.Message), Has.All.EqualTo("a custom rule file needs a 'provider' and at least one rule in 'rules'"));
        Assert.That(rules.Single().Id, Is.EqualTo("acme-api-key"));
    }

    [Test]
    public void ParseCustom_SameIdInTwoFiles_ReportsTheSecond()
    {
        var (rules, errors) = Parse(File(Rule()), File(Rule()));

        Assert.That(errors.Single(), Is.EqualTo((1, 0, (string?)"id", "rule id 'acme-api-key' is already taken")));
        Assert.That(rules, Has.Count.EqualTo(1));
    }

    [Test]
    public void ParseCustom_SupersedesABuiltInRule_IsAccepted()
    {
        var rule = Rule();
        rule.Supersedes = [BuiltInId];

        var (rules, errors) = Parse(File(rule));

        Assert.That(errors, Is.Empty);
        Assert.That(rules.Single().Supersedes, Does.Contain(BuiltInId));
    }

    [Test]
    public void ParseCustom_SupersedesAnotherCustomRule_IsAccepted()
    {
        var rule = Rule("acme-new-key");
        rule.Supersedes = ["acme-api-key"];

        var (rules, errors) = Parse(File(Rule()), File(rule));

        Assert.That(errors, Is.Empty);
        Assert.That(rules, Has.Count.EqualTo(2));
    }

    [Test]
    public void ParseCustom_SeveralProblemsInOneRule_ReportsEach()
    {
        var rule = Rule();
        (rule.Pattern, rule.Remediation!.RevokeUrl, rule.Title) = ("acme_[a-z]+", "http://acme.invalid", null);

        var (_, errors) = Parse(File(rule));

        Assert.That(errors.Select(e => e.Field), Is.EquivalentTo(new[] { null, "pattern", "remediation.revokeUrl" }));
    }
}
