using System.Globalization;

namespace ExpertNetwork.Experts;

/// <summary>
/// A message about bad input as a code and its arguments. The CLI and the API print <see cref="English"/>;
/// the web app looks the code up in its own Vietnamese and English texts, so Core needs no web dependency.
/// </summary>
public sealed record Problem(string Code, IReadOnlyList<string> Arguments)
{
    public Problem(string code, params string[] arguments)
        : this(code, (IReadOnlyList<string>)arguments)
    {
    }

    public string English => Problems.Format(Problems.English[Code], Arguments);

    public override string ToString() => English;
}

/// <summary>Every problem code Core can report, with its English template; <c>{0}</c>… are the arguments.</summary>
public static class Problems
{
    public const string Required = "required";
    public const string Empty = "empty";
    public const string NotString = "notString";
    public const string TooLong = "tooLong";
    public const string NotStringArray = "notStringArray";
    public const string ItemTooLong = "itemTooLong";
    public const string NotOneOf = "notOneOf";
    public const string NotCountry = "notCountry";
    public const string NotLanguage = "notLanguage";
    public const string NotWholeNumber = "notWholeNumber";
    public const string OutOfRange = "outOfRange";
    public const string NotBoolean = "notBoolean";
    public const string NotEmail = "notEmail";
    public const string NotOrcid = "notOrcid";
    public const string UnknownField = "unknownField";
    public const string BadId = "badId";
    public const string NotJson = "notJson";
    public const string RecordNotObject = "recordNotObject";
    public const string NeedNotObject = "needNotObject";
    public const string ConsentNotObject = "consentNotObject";
    public const string NotArray = "notArray";
    public const string NotObject = "notObject";
    public const string NeedWithoutText = "needWithoutText";
    public const string UnknownColumn = "unknownColumn";
    public const string DuplicateColumn = "duplicateColumn";
    public const string RequiredColumn = "requiredColumn";
    public const string CellCount = "cellCount";
    public const string DuplicateName = "duplicateName";
    public const string InvalidUtf8 = "invalidUtf8";
    public const string NoRecords = "noRecords";

    // Publication files (BibTeX, ORCID): where in the file, then what is wrong there.
    public const string EntryWithKey = "import.entryWithKey";
    public const string EntryAtLine = "import.entryAtLine";
    public const string Work = "import.work";
    public const string WorkWithPutCode = "import.workWithPutCode";
    public const string BlockAtLine = "import.blockAtLine";
    public const string OrcidFile = "import.orcidFile";
    public const string LongerThan = "import.longerThan";
    public const string NotAYear = "import.notAYear";
    public const string YearOutOfRange = "import.yearOutOfRange";
    public const string NoTitle = "import.noTitle";
    public const string NoWorkSummary = "import.noWorkSummary";
    public const string OrcidNotJson = "import.orcidNotJson";
    public const string OrcidNoWorks = "import.orcidNoWorks";
    public const string NotClosed = "import.notClosed";
    public const string NotClosedWith = "import.notClosedWith";
    public const string ExpectedField = "import.expectedField";
    public const string ValueMissing = "import.valueMissing";
    public const string BraceNeverClosed = "import.braceNeverClosed";
    public const string QuoteNeverClosed = "import.quoteNeverClosed";
    public const string Unexpected = "import.unexpected";
    public const string NoEntries = "import.noEntries";
    public const string PublicationFile = "import.file";

    public static readonly IReadOnlyDictionary<string, string> English = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Required] = "is required",
        [Empty] = "must not be empty",
        [NotString] = "must be a string, got {0}",
        [TooLong] = "must be at most {0} characters, got {1}",
        [NotStringArray] = "must be an array of strings, got {0}",
        [ItemTooLong] = "must be at most {0} characters",
        [NotOneOf] = "'{0}' is not one of {1}",
        [NotCountry] = "must be an ISO 3166-1 alpha-2 country code such as VN or US, got '{0}'",
        [NotLanguage] = "must be an ISO 639-1 language code such as vi or en, got '{0}'",
        [NotWholeNumber] = "must be a whole number, got {0}",
        [OutOfRange] = "must be between {0} and {1}, got {2}",
        [NotBoolean] = "must be true or false, got {0}",
        [NotEmail] = "'{0}' is not an email address",
        [NotOrcid] = "'{0}' is not an ORCID iD (dddd-dddd-dddd-dddX with a valid check digit)",
        [UnknownField] = "unknown field",
        [BadId] = "may only contain A-Z a-z 0-9 . _ : -",
        [NotJson] = "not valid JSON ({0})",
        [RecordNotObject] = "a record must be a JSON object",
        [NeedNotObject] = "a need must be a JSON object",
        [ConsentNotObject] = "must be an object with listed and contact",
        [NotArray] = "must be an array",
        [NotObject] = "must be an object",
        [NeedWithoutText] = "a need needs a description or a title",
        [UnknownColumn] = "unknown column '{0}' (columns: {1})",
        [DuplicateColumn] = "column '{0}' appears more than once",
        [RequiredColumn] = "column '{0}' is required",
        [CellCount] = "has {0} cells, the header has {1}",
        [DuplicateName] = "appears more than once in the same object",
        [InvalidUtf8] = "is not valid UTF-8 text",
        [NoRecords] = "the file holds no records",

        [EntryWithKey] = "entry {0} (key {1})",
        [EntryAtLine] = "entry {0} (@{1} at line {2})",
        [Work] = "work {0}",
        [WorkWithPutCode] = "work {0} (put-code {1})",
        [BlockAtLine] = "@{0} at line {1}",
        [OrcidFile] = "ORCID file",
        [LongerThan] = "longer than {0} characters",
        [NotAYear] = "'{0}' is not a year",
        [YearOutOfRange] = "{0} is outside 1900–2100",
        [NoTitle] = "no title",
        [NoWorkSummary] = "no work summary",
        [OrcidNotJson] = "not valid JSON ({0})",
        [OrcidNoWorks] = "expected the works list ('group') or a full record ('activities-summary.works.group')",
        [NotClosed] = "not closed",
        [NotClosedWith] = "not closed with '{0}'",
        [ExpectedField] = "expected 'field = value' at line {0}",
        [ValueMissing] = "value missing",
        [BraceNeverClosed] = "the '{{' at line {0} is never closed",
        [QuoteNeverClosed] = "the '\"' at line {0} is never closed",
        [Unexpected] = "unexpected '{0}' at line {1}",
        [PublicationFile] = "the file",
        [NoEntries] = "holds no BibTeX entry (such as @article{{...}}) and no ORCID work",
    };

    public static string Format(string template, IReadOnlyList<string> arguments) =>
        string.Format(CultureInfo.InvariantCulture, template, arguments.Cast<object?>().ToArray());
}
