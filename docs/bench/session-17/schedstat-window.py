"""Session 17: from schedstat-sampler.sh's samples, each measured JVM's last 28 s before its last 2 s
(its measured phase): its busiest thread (the stream thread), the time it ran and waited for a core,
and the benchmark JVM's (the broker's) in the same window. Usage: schedstat-window.py FILE router,pipe
(the measured JVMs' names in the order they ran)."""
import re,collections,sys
samples=collections.defaultdict(list)
for line in open(sys.argv[1]):
    m=re.match(r'(\S+) (\d+) (\d+) "(.*)" (\d+) (\d+) (\d+)',line)
    if not m: continue
    t,pid,tid,comm,cpu,delay,sl=m.groups()
    samples[(pid,tid)].append((float(t),comm,int(cpu),int(delay),int(sl)))
life=collections.defaultdict(lambda:[1e20,0])
for (pid,tid),v in samples.items():
    life[pid][0]=min(life[pid][0],v[0][0]); life[pid][1]=max(life[pid][1],v[-1][0])
bench=max(life,key=lambda p: life[p][1]-life[p][0])
kids=sorted([p for p in life if p!=bench],key=lambda p: life[p][0])
def window(pid,t0,t1):
    res=[]
    for (p,tid),v in samples.items():
        if p!=pid: continue
        a=[x for x in v if x[0]>=t0]; b=[x for x in v if x[0]<=t1]
        if not a or not b or b[-1][0]<=a[0][0]: continue
        a,b=a[0],b[-1]
        res.append((b[1],(b[2]-a[2])/1e9,(b[3]-a[3])/1e9,b[4]-a[4]))
    return res
names=sys.argv[2].split(',')
for pid,name in zip(kids,names):
    t1=life[pid][1]-2; t0=t1-28
    rows=sorted(window(pid,t0,t1),key=lambda r:-r[1])
    st=rows[0]
    print(f'{name}: stream thread cpu {st[1]:.2f} s, waiting for a core {st[2]:.2f} s ({st[2]/28*100:.0f} % of the window), {st[3]} slices, {st[2]/max(1,st[3])*1e6:.0f} us wait per slice')
    for r in rows[1:3]: print(f'   {r[0]:<16} cpu {r[1]:.2f} wait {r[2]:.2f} slices {r[3]}')
    tot=sum(r[1] for r in rows); totw=sum(r[2] for r in rows)
    b=window(bench,t0,t1); bc=sum(r[1] for r in b); bw=sum(r[2] for r in b)
    dp=[r for r in b if r[0].startswith('data-plane')]
    print(f'   measured JVM all threads cpu {tot:.2f} wait {totw:.2f}; bench JVM cpu {bc:.2f} wait {bw:.2f}; broker request threads cpu {sum(r[1] for r in dp):.2f} wait {sum(r[2] for r in dp):.2f}')
