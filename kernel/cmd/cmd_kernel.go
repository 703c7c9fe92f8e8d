package cmd

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/archlab/archlab/kernel"
	"github.com/archlab/archlab/kernel/display"
	"github.com/archlab/archlab/kernel/executor"
	"github.com/archlab/archlab/kernel/interp"
	"github.com/archlab/archlab/kernel/wire"
	"github.com/archlab/archlab/lib/cli"
)

func cmdKernel(env *cli.Env) int {
	fs := cli.NewFlags(env, "kernel", "CONNECTION_FILE", `
Run the Jupyter kernel on the sockets named in CONNECTION_FILE (Jupyter
writes it and passes it through the kernelspec's "{connection_file}").
Logs go to stderr, which Jupyter shows in its own log.`)
	level := fs.String("log", "info", "log level: debug, info, warn or error")
	if code, done := cli.ParseFlags(env, fs); done {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(env.Stderr, "archlab kernel: want exactly one argument, the connection file Jupyter writes")
		fs.Usage()
		return 2
	}
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(*level)); err != nil {
		fmt.Fprintf(env.Stderr, "archlab kernel: -log %q: want debug, info, warn or error\n", *level)
		return 2
	}
	info, err := wire.ReadConnectionFile(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(env.Stderr, "archlab kernel: %v\n", err)
		return 1
	}
	// Cells redirect fds 1 and 2 while they run; logs go to a duplicate of
	// the original stderr taken before any cell starts.
	logger := slog.New(slog.NewTextHandler(interp.LogOutput(), &slog.HandlerOptions{Level: lvl}))
	if info.KernelName != "" {
		logger = logger.With("kernel", info.KernelName)
	}
	ex := &lazySession{ready: make(chan struct{})}
	k, err := kernel.New(kernel.Config{Conn: info, Executor: ex, Logger: logger, Version: cli.Version, Signals: true})
	if err != nil {
		fmt.Fprintf(env.Stderr, "archlab kernel: %v\n", err)
		return 1
	}
	ex.start(logger) // after the sockets are bound: they come first on a busy machine
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go watchParent(ctx, cancel, logger)
	restart, err := k.Run(ctx)
	ex.close()
	if err != nil && ctx.Err() == nil {
		logger.Error("kernel stopped", "err", err)
		return 1
	}
	logger.Info("kernel stopped", "restart", restart)
	return 0
}

// lazySession is the kernel's Executor: an *interp.Session created on its
// own goroutine while the kernel already answers kernel_info, so start-up
// is not held up by the interpreter.
type lazySession struct {
	ready chan struct{}
	s     *interp.Session
	err   error
}

func (l *lazySession) start(log *slog.Logger) {
	go func() {
		defer close(l.ready)
		t := time.Now()
		l.s, l.err = interp.New(interp.Options{})
		if l.err != nil {
			log.Error("interpreter failed to start", "err", l.err)
			return
		}
		log.Debug("interpreter ready", "took", time.Since(t))
	}()
}

func (l *lazySession) session() (*interp.Session, error) {
	<-l.ready
	if l.err != nil {
		return nil, fmt.Errorf("kernel: the interpreter failed to start: %w", l.err)
	}
	return l.s, nil
}

func (l *lazySession) Execute(ctx context.Context, code string, sink executor.Sink) (*display.Bundle, error) {
	s, err := l.session()
	if err != nil {
		return nil, err
	}
	return s.Execute(ctx, code, sink)
}

func (l *lazySession) Complete(code string, cursor int) ([]string, int, int) {
	s, err := l.session()
	if err != nil {
		return nil, cursor, cursor
	}
	return s.Complete(code, cursor)
}

func (l *lazySession) Inspect(code string, cursor, detail int) (display.Bundle, bool) {
	s, err := l.session()
	if err != nil {
		return display.Bundle{}, false
	}
	return s.Inspect(code, cursor, detail)
}

func (l *lazySession) IsComplete(code string) (string, string) {
	s, err := l.session()
	if err != nil {
		return "unknown", ""
	}
	return s.IsComplete(code)
}

// close releases the session, waiting at most a second: the process is
// about to exit, and a cell that ignored its interrupt must not hold it.
func (l *lazySession) close() {
	select {
	case <-l.ready:
	default:
		return
	}
	if l.s == nil {
		return
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		l.s.Close()
	}()
	select {
	case <-done:
	case <-time.After(time.Second):
	}
}

// watchParent ends the kernel when the process that started it (Jupyter)
// dies without a shutdown_request: the kernel is then re-parented, and an
// orphaned kernel would otherwise hold its ports and memory forever.
func watchParent(ctx context.Context, stop context.CancelFunc, log *slog.Logger) {
	parent := os.Getppid()
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if os.Getppid() != parent {
				log.Warn("parent process exited; stopping the kernel", "parent", parent)
				stop()
				return
			}
		}
	}
}
