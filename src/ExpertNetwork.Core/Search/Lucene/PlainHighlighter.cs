using System.Text;
using ExpertNetwork.Search.Planning;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ExpertNetwork.Search.Lucene;

/// <summary>
/// The snippets of Lucene's plain highlighter (<c>Highlighter.GetBestTextFragments</c> with a term scorer, the simple
/// fragmenter and best fragments first), which is what the Elasticsearch engine asks Elasticsearch for. Lucene.NET's
/// class copies every token with its text and writes out every fragment, most of which hold no term: that was a third
/// of a search's CPU at 50,000 profiles. This reads the tokens once and writes only the fragments it returns; a test
/// holds its output to Lucene.NET's, value by value.
/// </summary>
internal sealed class PlainHighlighter
{
    /// <summary>Lucene's default: tokens that start past it are not read, and a longer text's tail is not appended.</summary>
    internal const int MaxCharsToAnalyze = 50 * 1024;

    // Lucene's TokenGroup keeps at most this many overlapping tokens; later ones are ignored.
    private const int MaxTokensPerGroup = 50;

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _terms;
    private readonly int[] _termSeenInFragment;
    private readonly int _fragmentSize;
    private readonly int _maxFragments;
    private readonly List<Piece> _pieces = [];
    private readonly List<Fragment> _fragments = [];
    private readonly List<Fragment> _best = [];
    private readonly StringBuilder _text = new();
    private int _fragmentSerial;

    public PlainHighlighter(IReadOnlyCollection<string> terms, int fragmentSize, int maxFragments)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            index.TryAdd(term, index.Count);
        }

        _terms = index.GetAlternateLookup<ReadOnlySpan<char>>();
        DistinctTerms = index.Count;
        _termSeenInFragment = new int[index.Count];
        Array.Fill(_termSeenInFragment, -1);
        _fragmentSize = fragmentSize;
        _maxFragments = maxFragments;
    }

    /// <summary>The most a fragment can score: each distinct term counts once.</summary>
    public int DistinctTerms { get; }

    /// <summary>
    /// Adds to <paramref name="into"/> the fragments of <paramref name="text"/> that hold a term, best first (most
    /// distinct terms, then earliest), at most the maximum; <paramref name="tokens"/> is the analysis of the text.
    /// </summary>
    public void Collect(TokenStream tokens, string text, List<(float Score, string Text)> into)
    {
        _pieces.Clear();
        _fragments.Clear();
        var term = tokens.AddAttribute<ICharTermAttribute>();
        var offset = tokens.AddAttribute<IOffsetAttribute>();
        tokens.Reset();

        var fragment = StartFragment(0);
        var fragmentsOpened = 1;
        var group = new Group();
        var lastEnd = 0;
        while (tokens.IncrementToken() && offset.StartOffset < MaxCharsToAnalyze)
        {
            if (offset.EndOffset > text.Length || offset.StartOffset > text.Length)
            {
                throw new InvalidOperationException(
                    $"The analyzer gave the token '{term}' offsets {offset.StartOffset}–{offset.EndOffset} past the end of a {text.Length}-character value.");
            }

            if (group.Tokens > 0 && offset.StartOffset >= group.End)
            {
                lastEnd = Flush(ref group, lastEnd);
                if (offset.EndOffset >= _fragmentSize * fragmentsOpened)
                {
                    fragmentsOpened++;
                    _fragments.Add(fragment with { EndPiece = _pieces.Count });
                    fragment = StartFragment(_pieces.Count);
                }
            }

            var score = 0;
            if (_terms.TryGetValue(term.Buffer.AsSpan(0, term.Length), out var termIndex))
            {
                score = 1;
                if (_termSeenInFragment[termIndex] != fragment.Serial)
                {
                    _termSeenInFragment[termIndex] = fragment.Serial;
                    fragment = fragment with { Score = fragment.Score + 1 };
                }
            }

            group.Add(offset.StartOffset, offset.EndOffset, score);
        }

        tokens.End();
        if (group.Tokens > 0)
        {
            lastEnd = Flush(ref group, lastEnd);
        }

        if (lastEnd < text.Length && text.Length <= MaxCharsToAnalyze)
        {
            _pieces.Add(new Piece(lastEnd, text.Length, false));
        }

        _fragments.Add(fragment with { EndPiece = _pieces.Count });
        AddBest(text, into);
    }

    private Fragment StartFragment(int firstPiece) => new(++_fragmentSerial, _fragments.Count, firstPiece, 0, 0);

    /// <summary>Writes out a group as Lucene does: the text since the last group, then the group's matched span, marked if it scored.</summary>
    private int Flush(ref Group group, int lastEnd)
    {
        if (group.MatchStart > lastEnd)
        {
            _pieces.Add(new Piece(lastEnd, group.MatchStart, false));
        }

        _pieces.Add(new Piece(group.MatchStart, group.MatchEnd, group.Score > 0));
        var end = Math.Max(group.MatchEnd, lastEnd);
        group = default;
        return end;
    }

    private void AddBest(string text, List<(float Score, string Text)> into)
    {
        _best.Clear();
        foreach (var fragment in _fragments)
        {
            if (fragment.Score > 0)
            {
                _best.Add(fragment);
            }
        }

        _best.Sort(static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Number.CompareTo(b.Number));
        for (var f = 0; f < _best.Count && f < _maxFragments; f++)
        {
            var fragment = _best[f];
            _text.Clear();
            for (var i = fragment.FirstPiece; i < fragment.EndPiece; i++)
            {
                var piece = _pieces[i];
                if (piece.Marked)
                {
                    _text.Append("<em>");
                }

                HighlightMarkup.AppendEscaped(_text, text.AsSpan(piece.Start, piece.End - piece.Start));
                if (piece.Marked)
                {
                    _text.Append("</em>");
                }
            }

            into.Add((fragment.Score, _text.ToString()));
        }
    }

    /// <summary>A stretch of the marked-up text: the value's characters from Start to End, escaped, in &lt;em&gt; if marked.</summary>
    private readonly record struct Piece(int Start, int End, bool Marked);

    /// <summary>Serial tells fragments apart across values (for counting distinct terms); Number is the order within one.</summary>
    private readonly record struct Fragment(int Serial, int Number, int FirstPiece, int EndPiece, int Score);

    /// <summary>Lucene's TokenGroup: tokens that overlap, written out together once a token starts past them.</summary>
    private struct Group
    {
        public int Tokens;
        public int End;
        public int MatchStart;
        public int MatchEnd;
        public int Score;

        public void Add(int start, int end, int score)
        {
            if (Tokens >= MaxTokensPerGroup)
            {
                return;
            }

            if (Tokens == 0)
            {
                MatchStart = start;
                MatchEnd = end;
                End = end;
                Score = score;
            }
            else
            {
                End = Math.Max(End, end);
                if (score > 0)
                {
                    (MatchStart, MatchEnd) = Score == 0 ? (start, end) : (Math.Min(MatchStart, start), Math.Max(MatchEnd, end));
                    Score += score;
                }
            }

            Tokens++;
        }
    }
}
