BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

# Faults injected into an embedded cloud of the test's own: the outcome asserted, then the server's state checked.
Describe 'Faults are survived, or refused with the intended error, and the state stays right' {
    BeforeEach {
        $session = Connect-OpenStack -Embedded -ActivationDelaySec 0
        $session.Retry.BaseDelay = [timespan]::FromMilliseconds(20)
        $null = Get-EmbeddedOpenStackRequest -Clear
        $psk = ConvertTo-SecureString 'fault-psk' -AsPlainText -Force
        function New-TestConnection([string] $Name) {
            New-IpsecSiteConnection -Name $Name -VpnService vpnservice1 -IkePolicy ikepolicy1 -IpsecPolicy ipsecpolicy1 -PeerAddress 172.24.4.231 -PeerCidr 10.71.0.0/24 -Psk $psk
        }
        function Get-Sent([string] $Method) { @(Get-EmbeddedOpenStackRequest | Where-Object Method -eq $Method) }
    }

    It '<Status> on reads is retried until it succeeds' -Tag Fault -ForEach @(@{ Status = 502 }, @{ Status = 503 }, @{ Status = 504 }, @{ Status = 429 }) {
        Add-EmbeddedOpenStackFault -StatusCode $Status -Method GET -Count 2
        $found = Get-IpsecSiteConnection -Name vpnconnection1
        $found.Name | Should -Be 'vpnconnection1'
        (Get-Sent GET).Count | Should -Be 3
    }

    It 'honours Retry-After' -Tag Fault {
        # From the server's own log: the retry arrived no sooner than Retry-After (2 s) after the 429, although the
        # session's own pause (20 ms) is far shorter.
        Add-EmbeddedOpenStackFault -StatusCode 429 -RetryAfter 2 -Method GET -PathContains ipsec-site-connections
        $null = Get-IpsecSiteConnection -Name vpnconnection1
        $sent = @(Get-Sent GET | Where-Object Path -like '*ipsec-site-connections*')
        $sent | Should -HaveCount 2 -Because 'the 429 was retried once'
        ($sent[1].ReceivedAt - $sent[0].ReceivedAt).TotalSeconds | Should -BeGreaterOrEqual 1.95 -Because 'Retry-After: 2'
    }

    It 'a dropped connection on an update is retried, and the update happens once' -Tag Fault {
        $c = New-TestConnection 'drop-put'
        Add-EmbeddedOpenStackFault -DropConnection -Method PUT
        $updated = Set-IpsecSiteConnection -Id $c.Id -Mtu 1400 -PassThru
        $updated.Mtu | Should -Be 1400
        (Get-Sent PUT).Count | Should -Be 2 -Because 'the dropped attempt was sent again once'
    }

    It 'a create whose answer is lost is not sent again: one object, and an error that says how to check' -Tag Fault {
        Add-EmbeddedOpenStackFault -DropConnection -AfterHandling -Method POST -PathContains ipsec-site-connections
        $record = Get-ErrorRecord { New-TestConnection 'lost-answer' }
        $record.Exception.Message | Should -BeLike '*may or may not have happened*'
        # The request reached the server: the URL was right, and saying otherwise sends the user the wrong way.
        $record.Exception.Message | Should -Not -BeLike '*Check that the URL is right*'
        $record.Exception.Message | Should -BeLike '*the server may have received it*'
        @(Get-IpsecSiteConnection -Name 'lost-answer').Count | Should -Be 1 -Because 'a retry must never create a second connection'
        (Get-Sent POST).Count | Should -Be 1
    }

    It 'a create refused with 503 by a proxy is not sent again, and nothing is created' -Tag Fault {
        Add-EmbeddedOpenStackFault -StatusCode 503 -Method POST -PathContains ipsec-site-connections
        $record = Get-ErrorRecord { New-TestConnection 'proxy-503' }
        (Get-Sent POST).Count | Should -Be 1 -Because 'the server''s log shows the create once: it was not sent again'
        $record.Exception.Message | Should -BeLike '*HTTP 503*may or may not have happened*'
        Get-IpsecSiteConnection -Name 'proxy-503' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'a create refused with 429 is sent again, and made once' -Tag Fault {
        Add-EmbeddedOpenStackFault -StatusCode 429 -Method POST -PathContains ipsec-site-connections
        (New-TestConnection 'rate-limited').Name | Should -Be 'rate-limited'
        @(Get-IpsecSiteConnection -Name 'rate-limited').Count | Should -Be 1
    }

    It 'a delete whose answer is lost is retried and the 404 that follows counts as success' -Tag Fault {
        $c = New-TestConnection 'delete-twice'
        Add-EmbeddedOpenStackFault -StatusCode 503 -AfterHandling -Method DELETE
        $all = Invoke-Captured { Remove-IpsecSiteConnection -Id $c.Id -Force }
        $all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | Should -BeNullOrEmpty
        (Get-Sent DELETE).Count | Should -Be 2
        Get-IpsecSiteConnection -Name 'delete-twice' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'a proxy''s HTML error page gives a clear error with the status, not a parsing trace' -Tag Fault {
        Add-EmbeddedOpenStackFault -StatusCode 502 -RawBody '<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>' -Method GET -Count 10
        $record = Get-ErrorRecord { Get-IpsecSiteConnection -Name vpnconnection1 }
        $record.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $record.Exception.Message | Should -BeLike '*HTTP 502 Bad Gateway*"502 Bad Gateway nginx"*'
        "$record" | Should -Not -BeLike '*   at *'
    }

    It 'a truncated or wrong-shaped body (<What>) gives InvalidResult with the status and the request id' -Tag Fault -ForEach @(
        @{ Body = '{"ipsec_site_connections": [{"id": "x", "na'; What = 'not JSON' }
        @{ Body = '{"something_else": []}'; What = "no 'ipsec_site_connections' list" }
        @{ Body = '{"ipsec_site_connections": [{"id": "x", "mtu": "big"}]}'; What = 'a field of the wrong type' }
    ) {
        Add-EmbeddedOpenStackFault -StatusCode 200 -RawBody $Body -Method GET
        $record = Get-ErrorRecord { Get-IpsecSiteConnection }
        $record.CategoryInfo.Category | Should -Be 'InvalidResult'
        $record.Exception.Message | Should -BeLike "*answered 200 with a body that is $What*"
    }

    It 'a hung server ends at the time limit with OperationTimeout' -Tag Fault {
        $slow = Connect-OpenStack -Embedded -TimeoutSec 1
        Add-EmbeddedOpenStackFault -DelaySec 5 -Method GET -Session $slow
        $record = Get-ErrorRecord { Get-IpsecSiteConnection -Session $slow }
        $record.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $record.Exception.Message | Should -BeLike '*got no answer within the time limit of 1 s*'
    }

    It 'a session''s time limit can be changed after it is opened' -Tag Fault {
        $session.Timeout = [timespan]::FromSeconds(1)
        Add-EmbeddedOpenStackFault -DelaySec 5 -Method GET
        (Get-ErrorRecord { Get-IkePolicy }).CategoryInfo.Category | Should -Be 'OperationTimeout'
    }

    It 'a refused token is renewed once, transparently, and the request repeated' -Tag Fault {
        Add-EmbeddedOpenStackFault -StatusCode 401 -ErrorType Unauthorized -Message 'The request you have made requires authentication.' -Method GET -PathContains ikepolicies
        (Get-IkePolicy -Name ikepolicy1).Name | Should -Be 'ikepolicy1'
        @(Get-EmbeddedOpenStackRequest | Where-Object { $_.Method -eq 'POST' -and $_.Path -like '*auth/tokens*' }).Count | Should -Be 1 -Because 'one renewal after the first token'
    }

    It 'a 401 that persists after renewal is an AuthenticationError, not a loop' -Tag Fault {
        Add-EmbeddedOpenStackFault -StatusCode 401 -Method GET -PathContains ikepolicies -Count 5
        $record = Get-ErrorRecord { Get-IkePolicy -Name ikepolicy1 }
        $record.CategoryInfo.Category | Should -Be 'AuthenticationError'
        @(Get-EmbeddedOpenStackRequest | Where-Object { $_.Method -eq 'GET' -and $_.Path -like '*ikepolicies*' }).Count | Should -Be 2
    }

    It 'Ctrl+C ends a slow paged list within about a second, with nothing half-written' -Tag Fault {
        # Two pages come at once, the third hangs: what was written before Ctrl+C must be whole objects, in order.
        $order = @(Get-IpsecSiteConnection -PageSize 1)
        $order.Count | Should -BeGreaterThan 2
        Add-EmbeddedOpenStackFault -DelaySec 30 -Method GET -PathContains "marker=$($order[1].Id)" -Count 5
        $ps = [powershell]::Create()
        $null = $ps.AddScript({ param($m, $s) Import-Module $m; Get-IpsecSiteConnection -Session $s -PageSize 1 }).AddArgument((Get-Module OpenStackVpn).Path).AddArgument($session)
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $async = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
        $wait = [System.Diagnostics.Stopwatch]::StartNew()
        while ($output.Count -lt 2 -and $wait.Elapsed.TotalSeconds -lt 20) { Start-Sleep -Milliseconds 50 }
        Start-Sleep -Milliseconds 300
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 3
        $async.IsCompleted | Should -BeTrue
        $ps.Dispose()
        @($output).Count | Should -Be 2 -Because 'the first two pages were written, the hung third one was not'
        @($output | ForEach-Object { $_.Id }) | Should -Be @($order[0].Id, $order[1].Id)
        foreach ($c in $output) {
            $c | Should -BeOfType OpenStackVpn.IpsecSiteConnection
            $c.Name | Should -Be ($order | Where-Object Id -eq $c.Id).Name
            $c.PeerAddress | Should -Not -BeNullOrEmpty
            $c.Status | Should -Not -BeNullOrEmpty
        }
    }

    It 'Ctrl+C during a create stops within about a second, and the create is not sent again' -Tag Fault {
        Add-EmbeddedOpenStackFault -DelaySec 30 -Method POST -PathContains ipsec-site-connections
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($m, $s, $p)
                Import-Module $m
                New-IpsecSiteConnection -Session $s -Name 'interrupted' -VpnService vpnservice1 -IkePolicy ikepolicy1 -IpsecPolicy ipsecpolicy1 -PeerAddress 172.24.4.232 -PeerCidr 10.72.0.0/24 -Psk $p
            }).AddArgument((Get-Module OpenStackVpn).Path).AddArgument($session).AddArgument($psk)
        $async = $ps.BeginInvoke()
        $wait = [System.Diagnostics.Stopwatch]::StartNew()
        while ((Get-Sent POST).Count -eq 0 -and $wait.Elapsed.TotalSeconds -lt 20) { Start-Sleep -Milliseconds 50 }
        (Get-Sent POST).Count | Should -Be 1 -Because 'the create reached the server and is being handled (slowly)'
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 3
        $async.IsCompleted | Should -BeTrue
        $ps.Dispose()
        Start-Sleep -Milliseconds 500
        (Get-Sent POST).Count | Should -Be 1 -Because 'a stopped create is never sent again'
        @(Get-IpsecSiteConnection -Name 'interrupted' -ErrorAction SilentlyContinue).Count | Should -BeLessOrEqual 1
    }
}
