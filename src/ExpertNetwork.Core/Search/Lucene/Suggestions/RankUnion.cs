namespace ExpertNetwork.Search.Lucene.Suggestions;

/// <summary>
/// The ranks of a run of lists of <see cref="RankLists"/> merged, ascending, each once (a document with two words
/// starting with the same gram is in two lists). A heap of the lists by their next rank; a seek gallops each list
/// it passes, so jumping far costs a logarithm per list, not a step per rank.
/// </summary>
internal sealed class RankUnion
{
    public const int Exhausted = int.MaxValue;

    private readonly int[] _ranks;
    private readonly int[] _position;
    private readonly int[] _end;
    private int _live;
    private int _current = -1;

    public RankUnion(RankLists lists, int firstList, int endList)
    {
        _ranks = lists.Ranks;
        Size = lists.Size(firstList, endList);
        var nonEmpty = 0;
        for (var list = firstList; list < endList; list++)
        {
            nonEmpty += lists.Starts[list + 1] > lists.Starts[list] ? 1 : 0;
        }

        _position = new int[nonEmpty];
        _end = new int[nonEmpty];
        First = Exhausted;
        Last = -1;
        for (var list = firstList; list < endList; list++)
        {
            var (start, end) = (lists.Starts[list], lists.Starts[list + 1]);
            if (end > start)
            {
                _position[_live] = start;
                _end[_live] = end;
                _live++;
                First = Math.Min(First, _ranks[start]);
                Last = Math.Max(Last, _ranks[end - 1]);
            }
        }

        for (var i = _live / 2 - 1; i >= 0; i--)
        {
            SiftDown(i);
        }
    }

    /// <summary>Entries in all the lists: what walking the union costs at most.</summary>
    public int Size { get; }

    public int Lists => _position.Length;

    /// <summary>The lowest rank in the union, or <see cref="Exhausted"/> when it is empty.</summary>
    public int First { get; }

    /// <summary>The highest rank in the union, or -1 when it is empty.</summary>
    public int Last { get; }

    /// <summary>The lowest rank at or after <paramref name="target"/>, or <see cref="Exhausted"/>. Targets must not go down.</summary>
    public int Seek(int target)
    {
        if (_current >= target)
        {
            return _current;
        }

        while (_live > 0 && _ranks[_position[0]] < target)
        {
            var position = Gallop(_position[0], _end[0], target);
            if (position == _end[0])
            {
                _live--;
                _position[0] = _position[_live];
                _end[0] = _end[_live];
            }
            else
            {
                _position[0] = position;
            }

            SiftDown(0);
        }

        _current = _live == 0 ? Exhausted : _ranks[_position[0]];
        return _current;
    }

    /// <summary>True when <paramref name="rank"/> is in the union; ranks asked must not go down.</summary>
    public bool Contains(int rank) => Seek(rank) == rank;

    /// <summary>The first position in [from, end) holding a rank at or above target.</summary>
    private int Gallop(int from, int end, int target)
    {
        var step = 1;
        var low = from;
        var high = from + 1;
        while (high < end && _ranks[high] < target)
        {
            low = high;
            step <<= 1;
            high = from + step;
        }

        high = Math.Min(high, end);
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_ranks[middle] < target)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private void SiftDown(int slot)
    {
        var position = _position[slot];
        var end = _end[slot];
        var rank = _ranks[position];
        while (true)
        {
            var child = 2 * slot + 1;
            if (child >= _live)
            {
                break;
            }

            if (child + 1 < _live && _ranks[_position[child + 1]] < _ranks[_position[child]])
            {
                child++;
            }

            if (_ranks[_position[child]] >= rank)
            {
                break;
            }

            _position[slot] = _position[child];
            _end[slot] = _end[child];
            slot = child;
        }

        _position[slot] = position;
        _end[slot] = end;
    }
}
