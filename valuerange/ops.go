package valuerange

import (
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// Every operation below first validates its receiver (see Range.Validate) and then its amounts. On
// error it returns the receiver unchanged together with the error; a nil error always comes with
// a valid range.

// PrepareAdd starts an increase of v: High grows by v, Low stays.
func (r Range) PrepareAdd(v math.Int) (Range, error) {
	if err := r.checkReceiver(); err != nil {
		return r, err
	}
	high, err := add(r.High, v)
	if err != nil {
		return r, err
	}
	return Range{Low: r.Low, High: high}, nil
}

// PrepareAddWithin is PrepareAdd that fails with ErrOverflow if High would pass max.
func (r Range) PrepareAddWithin(v, max math.Int) (Range, error) {
	if err := r.checkReceiver(); err != nil {
		return r, err
	}
	if err := checkAmount(max); err != nil {
		return r, errorsmod.Wrap(err, "max")
	}
	out, err := r.PrepareAdd(v)
	if err != nil {
		return r, err
	}
	if out.High.GT(max) {
		return r, errorsmod.Wrapf(ErrOverflow, "high %s would exceed max %s", out.High, max)
	}
	return out, nil
}

// CommitAdd completes a prepared increase of v: Low grows by v and must stay ≤ High.
func (r Range) CommitAdd(v math.Int) (Range, error) {
	if err := r.checkReceiver(); err != nil {
		return r, err
	}
	low, err := add(r.Low, v)
	if err != nil {
		return r, err
	}
	return checked(Range{Low: low, High: r.High}, r)
}

// RollbackAdd cancels a prepared increase of v: High shrinks by v and must stay ≥ Low.
func (r Range) RollbackAdd(v math.Int) (Range, error) {
	if err := r.checkReceiver(); err != nil {
		return r, err
	}
	high, err := sub(r.High, v)
	if err != nil {
		return r, err
	}
	return checked(Range{Low: r.Low, High: high}, r)
}

// CommitAddSaturating completes a prepared increase of v even if a slash already lowered High:
// Low grows by v and High is raised to Low if needed.
func (r Range) CommitAddSaturating(v math.Int) (Range, error) {
	if err := r.checkReceiver(); err != nil {
		return r, err
	}
	low, err := add(r.Low, v)
	if err != nil {
		return r, err
	}
	return Range{Low: low, High: math.MaxInt(r.High, low)}, nil
}

// CommitAddClamped completes a prepared increase of v after a slash may have lowered High: Low
// grows by v but never above High, so the lien never exceeds what the slash left. The vault uses
// it where the CosmWasm implementation's strict commit aborts, which would leave a slashed
// in-flight stake impossible to acknowledge.
func (r Range) CommitAddClamped(v math.Int) (Range, error) {
	if err := r.checkReceiver(); err != nil {
		return r, err
	}
	low, err := add(r.Low, v)
	if err != nil {
		return r, err
	}
	return Range{Low: math.MinInt(low, r.High), High: r.High}, nil
}

// RollbackAddSaturating cancels a prepared increase of v even if a slash already lowered High:
// High shrinks by v but never below Low. Unlike the reference it never fails on underflow; it
// fails only on an invalid receiver or amount.
func (r Range) RollbackAddSaturating(v math.Int) (Range, error) {
	if err := r.checkReceiver(); err != nil {
		return r, err
	}
	if err := checkAmount(v); err != nil {
		return r, err
	}
	return Range{Low: r.Low, High: math.MaxInt(r.Low, saturatingSub(r.High, v))}, nil
}

// Add increases both ends by v at once, failing with ErrOverflow if High would pass max.
func (r Range) Add(v, max math.Int) (Range, error) {
	prepared, err := r.PrepareAddWithin(v, max)
	if err != nil {
		return r, err
	}
	return prepared.CommitAdd(v)
}

// AddUnbounded increases both ends by v at once with no upper bound.
func (r Range) AddUnbounded(v math.Int) (Range, error) {
	prepared, err := r.PrepareAdd(v)
	if err != nil {
		return r, err
	}
	return prepared.CommitAdd(v)
}

// PrepareSub starts a decrease of v: Low shrinks by v and must stay ≥ 0.
func (r Range) PrepareSub(v math.Int) (Range, error) {
	if err := r.checkReceiver(); err != nil {
		return r, err
	}
	low, err := sub(r.Low, v)
	if err != nil {
		return r, err
	}
	return Range{Low: low, High: r.High}, nil
}

// PrepareSubAbove is PrepareSub that fails with ErrUnderflow if Low would pass below min.
func (r Range) PrepareSubAbove(v, min math.Int) (Range, error) {
	if err := r.checkReceiver(); err != nil {
		return r, err
	}
	if err := checkAmount(min); err != nil {
		return r, errorsmod.Wrap(err, "min")
	}
	out, err := r.PrepareSub(v)
	if err != nil {
		return r, err
	}
	if out.Low.LT(min) {
		return r, errorsmod.Wrapf(ErrUnderflow, "low %s would fall below min %s", out.Low, min)
	}
	return out, nil
}

// CommitSub completes a prepared decrease of v: High shrinks by v and must stay ≥ Low.
func (r Range) CommitSub(v math.Int) (Range, error) {
	if err := r.checkReceiver(); err != nil {
		return r, err
	}
	high, err := sub(r.High, v)
	if err != nil {
		return r, err
	}
	return checked(Range{Low: r.Low, High: high}, r)
}

// RollbackSub cancels a prepared decrease of v: Low grows by v and must stay ≤ High.
func (r Range) RollbackSub(v math.Int) (Range, error) {
	if err := r.checkReceiver(); err != nil {
		return r, err
	}
	low, err := add(r.Low, v)
	if err != nil {
		return r, err
	}
	return checked(Range{Low: low, High: r.High}, r)
}

// CommitSubSaturating completes a prepared decrease of v even if a slash already lowered High:
// High shrinks by v but never below Low.
func (r Range) CommitSubSaturating(v math.Int) (Range, error) {
	if err := r.checkReceiver(); err != nil {
		return r, err
	}
	if err := checkAmount(v); err != nil {
		return r, err
	}
	return Range{Low: r.Low, High: math.MaxInt(r.Low, saturatingSub(r.High, v))}, nil
}

// RollbackSubSaturating cancels a prepared decrease of v even if a slash already lowered High:
// Low grows by v but never above High.
func (r Range) RollbackSubSaturating(v math.Int) (Range, error) {
	if err := r.checkReceiver(); err != nil {
		return r, err
	}
	low, err := add(r.Low, v)
	if err != nil {
		return r, err
	}
	return Range{Low: math.MinInt(low, r.High), High: r.High}, nil
}

// Sub decreases both ends by v at once, failing with ErrUnderflow if Low would pass below min.
func (r Range) Sub(v, min math.Int) (Range, error) {
	prepared, err := r.PrepareSubAbove(v, min)
	if err != nil {
		return r, err
	}
	return prepared.CommitSub(v)
}

// SubSaturating decreases both ends by v at once, each end stopping at zero. It is what a slash
// does to a lien whose committed part is smaller than the loss: the loss is taken from the
// pending part too.
func (r Range) SubSaturating(v math.Int) (Range, error) {
	if err := r.checkReceiver(); err != nil {
		return r, err
	}
	if err := checkAmount(v); err != nil {
		return r, err
	}
	return Range{Low: saturatingSub(r.Low, v), High: saturatingSub(r.High, v)}, nil
}

// ClampHigh lowers both ends to at most max and returns the new range with the amounts taken from
// Low and from High. On error it returns the receiver, Zero and the error.
func (r Range) ClampHigh(max math.Int) (Range, Range, error) {
	if err := r.checkReceiver(); err != nil {
		return r, Zero(), err
	}
	if err := checkAmount(max); err != nil {
		return r, Zero(), errorsmod.Wrap(err, "max")
	}
	out := Range{Low: math.MinInt(r.Low, max), High: math.MinInt(r.High, max)}
	return out, Range{Low: r.Low.Sub(out.Low), High: r.High.Sub(out.High)}, nil
}
