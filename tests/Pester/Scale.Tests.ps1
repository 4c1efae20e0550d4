BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

# Lists that stream and waits that share one poll, proven from what an embedded cloud of the test's own received.
Describe 'Lists are written object by object as they are read' {
    BeforeEach {
        $session = Connect-OpenStack -Embedded -ActivationDelaySec -1
        $null = Get-EmbeddedOpenStackRequest -Clear
        function Get-ListRequest { @(Get-EmbeddedOpenStackRequest | Where-Object { $_.Method -eq 'GET' -and $_.Path -like '*/ipsec-site-connections' }) }
    }

    It 'writes the first object before it asks for the second page' {
        $atFirst = Get-IpsecSiteConnection -PageSize 2 | ForEach-Object -Begin { $n = 0 } -Process {
            if ($n++ -eq 0) { (Get-ListRequest).Count }
        }
        $atFirst | Should -Be 1 -Because 'when the first object reached the next command, the server had received one list request'
        (Get-ListRequest).Count | Should -Be 3 -Because 'five connections in pages of two take three requests'
    }

    It 'writes the objects read before a body breaks off, then the error' {
        $good = Get-IpsecSiteConnection -Name vpnconnection1
        $first = '{"id": "' + $good.Id + '", "name": "before-the-break", "status": "ACTIVE"}'
        Add-EmbeddedOpenStackFault -StatusCode 200 -RawBody ('{"ipsec_site_connections": [' + $first + ', {"id": "x", "na') -Method GET
        $out = Invoke-Captured { Get-IpsecSiteConnection }
        $objects = @($out | Where-Object { $_ -is [OpenStackVpn.IpsecSiteConnection] })
        $objects.Name | Should -Be 'before-the-break'
        $errors = @($out | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.Count | Should -Be 1
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        [array]::IndexOf($out, $objects[0]) | Should -BeLessThan ([array]::IndexOf($out, $errors[0]))
    }

    It 'streams an unpaged list and a paged one to the same objects, filters checked on the client' {
        $unpaged = Get-IpsecSiteConnection
        $paged = Get-IpsecSiteConnection -PageSize 2
        $paged.Id | Should -Be $unpaged.Id
        $unpaged.Count | Should -Be 5
        Add-EmbeddedOpenStackFault -StatusCode 200 -Method GET -RawBody ('{"ipsec_site_connections": [{"id": "a", "name": "x", "status": "ACTIVE"}, {"id": "b", "name": "y", "status": "DOWN"}]}')
        (Get-IpsecSiteConnection -Status DOWN).Id | Should -Be 'b' -Because 'a filter the server ignored does not widen the result'
    }
}

Describe 'Many waits share one poll' {
    BeforeAll {
        $psk = ConvertTo-SecureString 'wait-psk' -AsPlainText -Force
        function New-Connections([int] $Count) {
            $vpn = Get-VpnService -Name vpnservice1; $ike = Get-IkePolicy -Name ikepolicy1; $ipsec = Get-IpsecPolicy -Name ipsecpolicy1
            foreach ($i in 1..$Count) {
                New-IpsecSiteConnection -Name "wait-$i" -VpnService $vpn -IkePolicy $ike -IpsecPolicy $ipsec -PeerAddress 172.24.4.240 -PeerCidr 10.90.0.0/24 -Psk $psk
            }
        }
        function Get-Poll { @(Get-EmbeddedOpenStackRequest | Where-Object { $_.Method -eq 'GET' -and $_.Path -like '*/ipsec-site-connections*' }) }
    }

    BeforeEach {
        $session = Connect-OpenStack -Embedded -ActivationDelaySec -1
    }

    It 'waits for 1,000 connections with one list request per poll, and reports each that did not make it' {
        $session = Connect-OpenStack -Embedded -ActivationDelaySec -1 -SeedConnections 1000
        $conns = @(Get-IpsecSiteConnection -Name 'fleet-conn-*')
        $conns.Count | Should -Be 1000
        $conns[0..599] | Set-EmbeddedOpenStackStatus -Kind IpsecSiteConnection -Status ACTIVE
        $conns[600..609] | Set-EmbeddedOpenStackStatus -Kind IpsecSiteConnection -Status ERROR
        $null = Get-EmbeddedOpenStackRequest -Clear

        $out = Invoke-Captured { $conns | Wait-IpsecSiteConnection -TimeoutSec 2 -PollIntervalSec 1 -ErrorAction Continue }

        $polls = Get-Poll
        $polls.Count | Should -Be 3 -Because 'polls at 0, 1 and 2 s, each one list request for all 1,000'
        @($polls | Where-Object Path -NotLike '*/ipsec-site-connections').Count | Should -Be 0 -Because 'no connection is shown one by one'
        $polls[0].Query | Should -BeLike "*project_id=$($session.ProjectId)*" -Because '1,000 ids do not fit in a URL, so the poll lists by project'
        @($out | Where-Object { $_ -is [OpenStackVpn.IpsecSiteConnection] }).Count | Should -Be 600
        $errors = @($out | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.Count | Should -Be 400
        @($errors | Where-Object { $_.Exception.Message -like '*went to ERROR*' }).Count | Should -Be 10
        @($errors | Where-Object { $_.CategoryInfo.Category -eq 'OperationTimeout' -and $_.Exception.Message -like "*'fleet-conn-*is still PENDING_CREATE after 2 s*" }).Count | Should -Be 390
        $errors[0].TargetObject | Should -Be $conns[600].Id -Because 'failures are reported in the order the objects came'
    }

    It 'polls a few connections by id, writes each as it gets there, and says which one is gone' {
        $three = @(New-Connections 3)
        $three[0] | Set-EmbeddedOpenStackStatus -Kind IpsecSiteConnection -Status ACTIVE
        $missing = [guid]::NewGuid().ToString()
        $null = Get-EmbeddedOpenStackRequest -Clear

        $pollsAtEach = [System.Collections.Generic.List[int]]::new()
        $out = Invoke-Captured {
            @($three) + @([pscustomobject]@{ Id = $missing }) | Wait-IpsecSiteConnection -TimeoutSec 2 -PollIntervalSec 1 -ErrorAction Continue |
                ForEach-Object { $pollsAtEach.Add((Get-Poll).Count); $_ }
        }

        $pollsAtEach | Should -Be @(1) -Because 'the connection that was ACTIVE at once is written after the first poll, not at the end'
        $polls = Get-Poll
        $polls.Count | Should -Be 3
        foreach ($id in @($three.Id) + $missing) { $polls[0].Query | Should -BeLike "*id=$id*" }
        @($out | Where-Object { $_ -is [OpenStackVpn.IpsecSiteConnection] }).Id | Should -Be $three[0].Id
        $errors = @($out | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.Count | Should -Be 3
        ($errors | Where-Object TargetObject -EQ $missing).CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'shows one progress bar that counts the objects that got there' {
        $two = @(New-Connections 2)
        $two[0] | Set-EmbeddedOpenStackStatus -Kind IpsecSiteConnection -Status ACTIVE
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddCommand('Import-Module').AddArgument((Get-Module OpenStackVpn).Path).Invoke()
            $ps.Commands.Clear()
            $null = $ps.
                AddCommand('Wait-IpsecSiteConnection').AddParameter('Session', $session).AddParameter('TimeoutSec', 2).AddParameter('PollIntervalSec', 1)
            $null = $ps.Invoke([object[]]$two)
            $bars = @($ps.Streams.Progress | Where-Object RecordType -EQ 'Processing')
            @($bars.ActivityId | Sort-Object -Unique).Count | Should -Be 1
            $bars[0].Activity | Should -Be 'Waiting for 2 IPsec site connections to become ACTIVE'
            $bars[0].StatusDescription | Should -BeLike '1 of 2 ACTIVE; 1 PENDING_CREATE*'
            $bars[0].PercentComplete | Should -Be 50
        }
        finally { $ps.Dispose() }
    }
}
