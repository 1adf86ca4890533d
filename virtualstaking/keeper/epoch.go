package keeper

import (
	"context"
	"sort"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// BeginBlock runs the event capture's begin-blocker, which records the block's time for its
// height. It never fails.
func (k *Keeper) BeginBlock(ctx context.Context) error {
	if b, ok := k.events.(EventsBeginBlocker); ok {
		k.guard(ctx, "", "", b.BeginBlock)
	}
	return nil
}

// EndBlock sweeps matured unbonding tokens, starts an epoch when one is due and advances the
// running epoch by at most ValidatorsPerBlock (pairing, validator) entries. It never fails: a
// failing step is discarded and reported in an event, and the epoch goes on.
func (k *Keeper) EndBlock(ctx context.Context) error {
	k.guard(ctx, "", "", k.sweep)
	if k.events != nil {
		k.guard(ctx, "", "", func(ctx context.Context) error {
			params, err := k.Params.Get(ctx)
			if err != nil {
				return err
			}
			return k.events.EndBlock(ctx, params.ValidatorsPerBlock)
		})
	}
	if k.converter == nil {
		return nil
	}
	k.guard(ctx, "", "", k.advanceEpoch)
	return nil
}

// advanceEpoch starts an epoch when due and spends this block's budget on it.
func (k *Keeper) advanceEpoch(ctx context.Context) error {
	params, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	run, err := k.runOrStart(ctx)
	if err != nil || run.Phase == types.EPOCH_PHASE_IDLE {
		return err
	}
	views, err := k.sortedPairings(ctx)
	if err != nil {
		return err
	}
	budget := int(params.ValidatorsPerBlock)
	for budget > 0 && run.Phase != types.EPOCH_PHASE_IDLE {
		used, err := k.step(ctx, params, views, &run)
		if err != nil {
			return err
		}
		budget -= max(used, 1)
	}
	return k.Run.Set(ctx, run)
}

// runOrStart returns the running epoch, or starts one when the next epoch is due.
func (k *Keeper) runOrStart(ctx context.Context) (types.EpochRun, error) {
	run, err := k.Run.Get(ctx)
	if err != nil {
		return run, err
	}
	if run.Phase != types.EPOCH_PHASE_IDLE {
		return run, nil
	}
	next, err := k.NextEpoch.Get(ctx)
	if err != nil {
		return run, err
	}
	height := sdk.UnwrapSDKContext(ctx).BlockHeight()
	if height < next {
		return run, nil
	}
	return types.EpochRun{Phase: types.EPOCH_PHASE_SUM, Started: height}, nil
}

// step does one piece of the running epoch on its current pairing and returns how many entries it
// used.
func (k *Keeper) step(ctx context.Context, params types.Params, views []types.PairingView, run *types.EpochRun) (int, error) {
	view, ok := currentPairing(views, run.Pairing)
	if !ok {
		return 0, k.nextPhase(ctx, params, views, run)
	}
	if view.ID != run.Pairing {
		run.Pairing, run.Cursor = view.ID, ""
	}
	var used int
	var done bool
	var err error
	if run.Phase == types.EPOCH_PHASE_SUM {
		used, done, err = k.sumStep(ctx, params, view, run)
	} else {
		used, done, err = k.applyStep(ctx, params, view, run)
	}
	if err != nil || !done {
		return used, err
	}
	next, ok := pairingAfter(views, view.ID)
	if !ok {
		return used, k.nextPhase(ctx, params, views, run)
	}
	run.Pairing, run.Cursor = next.ID, ""
	return used, nil
}

// nextPhase moves the run from summing to applying, or ends the epoch.
func (k *Keeper) nextPhase(ctx context.Context, params types.Params, views []types.PairingView, run *types.EpochRun) error {
	if run.Phase == types.EPOCH_PHASE_SUM {
		if err := k.allow(ctx, params, views); err != nil {
			return err
		}
		*run = types.EpochRun{Phase: types.EPOCH_PHASE_APPLY, Started: run.Started}
		if len(views) > 0 {
			run.Pairing = views[0].ID
		}
		return nil
	}
	return k.finishEpoch(ctx, params, run)
}

// finishEpoch ends the epoch and schedules the next one EpochLength blocks after this one
// started (or at the next block when the epoch took longer than that).
func (k *Keeper) finishEpoch(ctx context.Context, params types.Params, run *types.EpochRun) error {
	height := sdk.UnwrapSDKContext(ctx).BlockHeight()
	next := max(run.Started+int64(params.EpochLength), height+1)
	if err := k.RunPairings.Clear(ctx, nil); err != nil {
		return err
	}
	if err := k.NextEpoch.Set(ctx, next); err != nil {
		return err
	}
	started := run.Started
	*run = types.EpochRun{}
	k.emit(ctx, &types.EventEpochCompleted{Started: started, NextEpoch: next})
	return nil
}

// sortedPairings returns the converter's pairings in ascending id order.
func (k *Keeper) sortedPairings(ctx context.Context) ([]types.PairingView, error) {
	views, err := k.converter.Pairings(ctx)
	if err != nil {
		return nil, err
	}
	sort.Slice(views, func(i, j int) bool { return views[i].ID < views[j].ID })
	return views, nil
}

// currentPairing is the pairing named id or, if it is gone (or id is empty), the first after it.
func currentPairing(views []types.PairingView, id string) (types.PairingView, bool) {
	for _, v := range views {
		if v.ID >= id {
			return v, true
		}
	}
	return types.PairingView{}, false
}

// pairingAfter is the first pairing with an id above id.
func pairingAfter(views []types.PairingView, id string) (types.PairingView, bool) {
	for _, v := range views {
		if v.ID > id {
			return v, true
		}
	}
	return types.PairingView{}, false
}
