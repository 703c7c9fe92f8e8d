// Package wire is the Jupyter messaging protocol (version 5.3) on the wire:
// connection files, message framing, HMAC-SHA256 signing, and the five
// ZeroMQ sockets a kernel binds (shell, control, stdin, iopub, heartbeat).
//
//	info, err := wire.ReadConnectionFile(path)
//	if err != nil { ... }
//	socks, err := wire.Bind(ctx, info, logger)
//	if err != nil { ... }
//	defer socks.Close()
//	go socks.Heartbeat(ctx)
//	for {
//		msg, err := socks.Shell.Recv()
//		if errors.Is(err, wire.ErrBadSignature) { continue } // dropped, logged by Recv
//		...
//		reply := wire.NewReply(msg, "kernel_info_reply", content)
//		socks.Shell.Send(reply)
//	}
//
// A message is a list of ZeroMQ frames: the routing identities, the
// delimiter "<IDS|MSG>", the hex HMAC of the next four frames, then the JSON
// header, parent header, metadata and content, and optional binary buffers.
// [Decode] checks the signature before it parses any JSON, and rejects a
// signature it has already seen (a replayed message).
package wire
