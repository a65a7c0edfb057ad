"""Operations helpers: starting and stopping the servers for tests and benchmarks."""
