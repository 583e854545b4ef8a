%% A ring of Size processes passing a token Hops times, as the Plexus ring benchmark does.
%% Prints "<spawn microseconds> <bytes per process> <hop microseconds>": spawning every
%% process, the growth of erlang:memory(processes) per process, and passing the token.
%% Run: erlc ring.erl && erl +P 2000000 -noshell -run ring main 1000000 10000000
-module(ring).
-export([main/1]).

main([SizeArg, HopsArg]) ->
    Size = list_to_integer(SizeArg),
    Hops = list_to_integer(HopsArg),
    Main = self(),
    erlang:garbage_collect(),
    M0 = erlang:memory(processes),
    T0 = erlang:monotonic_time(microsecond),
    First = spawn(fun() -> receive {next, Next} -> loop(Next, Main) end end),
    Second = chain(Size - 1, First, Main),
    First ! {next, Second},
    T1 = erlang:monotonic_time(microsecond),
    M1 = erlang:memory(processes),
    First ! Hops,
    receive done -> ok end,
    T2 = erlang:monotonic_time(microsecond),
    io:format("~w ~w ~w~n", [T1 - T0, (M1 - M0) div Size, T2 - T1]),
    halt(0).

chain(0, Next, _Main) -> Next;
chain(N, Next, Main) -> chain(N - 1, spawn(fun() -> loop(Next, Main) end), Main).

loop(Next, Main) ->
    receive
        0 -> Main ! done;
        T -> Next ! T - 1, loop(Next, Main)
    end.
