package testutil

import (
	clienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"
	connectiontypes "github.com/cosmos/ibc-go/v8/modules/core/03-connection/types"
	commitmenttypes "github.com/cosmos/ibc-go/v8/modules/core/23-commitment/types"
	host "github.com/cosmos/ibc-go/v8/modules/core/24-host"
	ibcexported "github.com/cosmos/ibc-go/v8/modules/core/exported"
)

// Link is an IBC connection between two chains of a network: a light client of each chain on the
// other and an open connection over them. Channels are opened on it with OpenChannel.
type Link struct {
	network *Network
	// A and B are the linked chains; A initiated the connection.
	A, B *Chain
	// EndA and EndB hold the client and connection ids on each chain.
	EndA, EndB *Endpoint
}

// Endpoint is one chain's side of a link: the client it holds of the other chain and the
// connection over that client.
type Endpoint struct {
	Chain        *Chain
	ClientID     string
	ConnectionID string
}

// Connect creates a client of each chain on the other and opens a connection between them with
// the four-step handshake, every step a relayed transaction in a block of its own.
func (n *Network) Connect(a, b *Chain) (*Link, error) {
	l := &Link{network: n, A: a, B: b, EndA: &Endpoint{Chain: a}, EndB: &Endpoint{Chain: b}}
	var err error
	if l.EndA.ClientID, err = createClient(a, b); err != nil {
		return nil, err
	}
	if l.EndB.ClientID, err = createClient(b, a); err != nil {
		return nil, err
	}
	if err := l.openConnection(); err != nil {
		return nil, err
	}
	n.links = append(n.links, l)
	return l, nil
}

// createClient creates on host a client tracking the last header of tracked.
func createClient(host, tracked *Chain) (string, error) {
	tracked.NextBlock()
	clientState, consensusState, err := tracked.newClientState()
	if err != nil {
		return "", err
	}
	msg, err := clienttypes.NewMsgCreateClient(clientState, consensusState, host.Relayer.String())
	if err != nil {
		return "", err
	}
	_, events, err := host.DeliverTx(host.Relayer, msg)
	if err != nil {
		return "", err
	}
	return eventAttribute(events, clienttypes.EventTypeCreateClient, clienttypes.AttributeKeyClientID)
}

// openConnection runs the connection handshake: INIT on A, TRY on B, ACK on A, CONFIRM on B.
func (l *Link) openConnection() error {
	a, b := l.EndA, l.EndB
	initMsg := connectiontypes.NewMsgConnectionOpenInit(a.ClientID, b.ClientID, prefix(),
		connectiontypes.DefaultIBCVersion, 0, a.Chain.Relayer.String())
	_, events, err := a.Chain.DeliverTx(a.Chain.Relayer, initMsg)
	if err != nil {
		return err
	}
	if a.ConnectionID, err = eventAttribute(events, connectiontypes.EventTypeConnectionOpenInit,
		connectiontypes.AttributeKeyConnectionID); err != nil {
		return err
	}
	if b.ConnectionID, err = l.connOpenTry(b, a); err != nil {
		return err
	}
	if err := l.connOpenAck(a, b); err != nil {
		return err
	}
	return l.connOpenConfirm(b, a)
}

// connectionProofs are what TRY and ACK prove about the counterparty's end of the connection.
type connectionProofs struct {
	clientState     ibcexported.ClientState
	clientProof     []byte
	connectionProof []byte
	consensusProof  []byte
	consensusHeight clienttypes.Height
	proofHeight     clienttypes.Height
}

// proveConnectionEnd updates local's client of remote and proves remote's connection end, its
// client of local and that client's latest consensus state.
func (l *Link) proveConnectionEnd(local, remote *Endpoint) (connectionProofs, error) {
	proofHeight, err := l.updateClient(local, remote)
	if err != nil {
		return connectionProofs{}, err
	}
	clientState, consensusHeight, err := remote.clientState()
	if err != nil {
		return connectionProofs{}, err
	}
	keys := [][]byte{
		host.ConnectionKey(remote.ConnectionID),
		host.FullClientStateKey(remote.ClientID),
		host.FullConsensusStateKey(remote.ClientID, consensusHeight),
	}
	proofs := make([][]byte, len(keys))
	for i, key := range keys {
		if proofs[i], err = remote.Chain.QueryProof(key, proofHeight); err != nil {
			return connectionProofs{}, err
		}
	}
	return connectionProofs{
		clientState: clientState, clientProof: proofs[1], connectionProof: proofs[0],
		consensusProof: proofs[2], consensusHeight: consensusHeight, proofHeight: proofHeight,
	}, nil
}

// connOpenTry answers remote's INIT on local and returns local's new connection id.
func (l *Link) connOpenTry(local, remote *Endpoint) (string, error) {
	p, err := l.proveConnectionEnd(local, remote)
	if err != nil {
		return "", err
	}
	msg := connectiontypes.NewMsgConnectionOpenTry(local.ClientID, remote.ConnectionID, remote.ClientID,
		p.clientState, prefix(), connectiontypes.GetCompatibleVersions(), 0,
		p.connectionProof, p.clientProof, p.consensusProof, p.proofHeight, p.consensusHeight,
		local.Chain.Relayer.String())
	_, events, err := local.Chain.DeliverTx(local.Chain.Relayer, msg)
	if err != nil {
		return "", err
	}
	return eventAttribute(events, connectiontypes.EventTypeConnectionOpenTry, connectiontypes.AttributeKeyConnectionID)
}

// connOpenAck acknowledges remote's TRY on local.
func (l *Link) connOpenAck(local, remote *Endpoint) error {
	p, err := l.proveConnectionEnd(local, remote)
	if err != nil {
		return err
	}
	msg := connectiontypes.NewMsgConnectionOpenAck(local.ConnectionID, remote.ConnectionID, p.clientState,
		p.connectionProof, p.clientProof, p.consensusProof, p.proofHeight, p.consensusHeight,
		connectiontypes.DefaultIBCVersion, local.Chain.Relayer.String())
	_, _, err = local.Chain.DeliverTx(local.Chain.Relayer, msg)
	return err
}

// connOpenConfirm confirms on local that remote's end is open.
func (l *Link) connOpenConfirm(local, remote *Endpoint) error {
	proofHeight, err := l.updateClient(local, remote)
	if err != nil {
		return err
	}
	proof, err := remote.Chain.QueryProof(host.ConnectionKey(remote.ConnectionID), proofHeight)
	if err != nil {
		return err
	}
	msg := connectiontypes.NewMsgConnectionOpenConfirm(local.ConnectionID, proof, proofHeight, local.Chain.Relayer.String())
	_, _, err = local.Chain.DeliverTx(local.Chain.Relayer, msg)
	return err
}

// clientState returns the endpoint's client and its latest height.
func (e *Endpoint) clientState() (ibcexported.ClientState, clienttypes.Height, error) {
	state, found := e.Chain.app.GetIBCKeeper().ClientKeeper.GetClientState(e.Chain.Context(), e.ClientID)
	if !found {
		return nil, clienttypes.Height{}, clienttypes.ErrClientNotFound
	}
	height, ok := state.GetLatestHeight().(clienttypes.Height)
	if !ok {
		return nil, clienttypes.Height{}, clienttypes.ErrInvalidHeight
	}
	return state, height, nil
}

// updateClient commits a block on remote, so everything remote committed so far is provable,
// and updates local's client of remote to that block. It returns the height to prove at.
func (l *Link) updateClient(local, remote *Endpoint) (clienttypes.Height, error) {
	remote.Chain.NextBlock()
	_, trusted, err := local.clientState()
	if err != nil {
		return clienttypes.Height{}, err
	}
	header, err := remote.Chain.updateHeader(trusted)
	if err != nil {
		return clienttypes.Height{}, err
	}
	msg, err := clienttypes.NewMsgUpdateClient(local.ClientID, header, local.Chain.Relayer.String())
	if err != nil {
		return clienttypes.Height{}, err
	}
	if _, _, err := local.Chain.DeliverTx(local.Chain.Relayer, msg); err != nil {
		return clienttypes.Height{}, err
	}
	return remote.Chain.revisionHeight(remote.Chain.Height()), nil
}

// UpdateClients brings both clients of the link up to the other chain's latest block.
func (l *Link) UpdateClients() error {
	if _, err := l.updateClient(l.EndA, l.EndB); err != nil {
		return err
	}
	_, err := l.updateClient(l.EndB, l.EndA)
	return err
}

// ends returns the endpoint on chain c and the endpoint on the other chain.
func (l *Link) ends(c *Chain) (local, remote *Endpoint, err error) {
	switch c {
	case l.A:
		return l.EndA, l.EndB, nil
	case l.B:
		return l.EndB, l.EndA, nil
	default:
		return nil, nil, errUnknownPacket
	}
}

// prefix is the IBC store prefix every meshapp chain commits under.
func prefix() commitmenttypes.MerklePrefix {
	return commitmenttypes.NewMerklePrefix([]byte(ibcexported.StoreKey))
}
