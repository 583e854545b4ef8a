%% Thread-ring (the Benchmarks Game): 503 processes in a ring pass one token N times.
%% Prints "<id of the process holding the token at the end> <microseconds>", the time
%% measured from the first send to the last receive (the VM's start-up is not counted).
%% Run: erlc threadring.erl && erl -noshell -run threadring main 10000000
-module(threadring).
-export([main/1]).
-define(RING, 503).

main([Arg]) ->
    N = list_to_integer(Arg),
    Main = self(),
    First = spawn(fun() -> receive {next, Next} -> loop(1, Next, Main) end end),
    Second = lists:foldl(fun(Id, Next) -> spawn(fun() -> loop(Id, Next, Main) end) end,
                         First, lists:seq(?RING, 2, -1)),
    First ! {next, Second},
    T0 = erlang:monotonic_time(microsecond),
    First ! N,
    receive
        {done, Id} ->
            T1 = erlang:monotonic_time(microsecond),
            io:format("~w ~w~n", [Id, T1 - T0])
    end,
    halt(0).

loop(Id, Next, Main) ->
    receive
        0 -> Main ! {done, Id};
        T -> Next ! T - 1, loop(Id, Next, Main)
    end.
